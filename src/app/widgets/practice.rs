//! The Practice section that ends every panel: multiple-choice questions from the
//! lesson, answered and checked in the app, each with its explanation.

use serde::{Deserialize, Serialize};

/// One question.
pub struct Question {
    /// The question.
    pub prompt: &'static str,
    /// The choices.
    pub options: &'static [&'static str],
    /// Index of the right choice.
    pub answer: usize,
    /// Why, shown once checked.
    pub explanation: &'static str,
}

/// The reader's answers (persisted with the panel).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Chosen option per question.
    pub chosen: Vec<Option<usize>>,
    /// Whether each question was checked.
    pub checked: Vec<bool>,
}

impl Answers {
    fn fit(&mut self, n: usize) {
        self.chosen.resize(n, None);
        self.checked.resize(n, false);
    }

    /// How many checked answers are right.
    #[must_use]
    pub fn score(&self, questions: &[Question]) -> usize {
        questions
            .iter()
            .zip(self.chosen.iter().zip(&self.checked))
            .filter(|(q, (c, checked))| **checked && **c == Some(q.answer))
            .count()
    }
}

/// Draws the Practice section.
pub fn ui(
    ui: &mut egui::Ui,
    title: &str,
    intro: &str,
    questions: &[Question],
    answers: &mut Answers,
) {
    answers.fit(questions.len());
    ui.add_space(8.0);
    ui.separator();
    ui.heading(format!("Practice: {title}"));
    ui.label(intro);
    ui.add_space(4.0);
    for (i, q) in questions.iter().enumerate() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(format!("{}. {}", i + 1, q.prompt)).strong());
        for (j, option) in q.options.iter().enumerate() {
            if ui.radio(answers.chosen[i] == Some(j), *option).clicked() {
                answers.chosen[i] = Some(j);
                answers.checked[i] = false;
            }
        }
        ui.horizontal(|ui| {
            let can_check = answers.chosen[i].is_some();
            if ui
                .add_enabled(
                    can_check,
                    egui::Button::new(format!("Check answer {}", i + 1)),
                )
                .clicked()
            {
                answers.checked[i] = true;
            }
            if answers.checked[i] {
                let right = answers.chosen[i] == Some(q.answer);
                let (mark, color) = if right {
                    ("Correct", egui::Color32::from_rgb(60, 170, 90))
                } else {
                    ("Not quite", ui.visuals().error_fg_color)
                };
                ui.colored_label(color, egui::RichText::new(mark).strong());
            }
        });
        if answers.checked[i] {
            ui.label(q.explanation);
        }
    }
    let done = answers.checked.iter().filter(|c| **c).count();
    if done > 0 {
        ui.add_space(6.0);
        ui.label(format!(
            "{} of {} checked answers right.",
            answers.score(questions),
            done
        ));
    }
}
