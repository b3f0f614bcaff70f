//! Models across several loaded files, and the paired view of two of them by task id.

use std::collections::HashMap;

use super::evalset::EvalSet;

/// A model inside one of several loaded sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelRef {
    /// Index of the set.
    pub set: usize,
    /// Model index inside the set.
    pub model: u32,
}

/// Every model of every set, in load order, with its name.
#[must_use]
pub fn models(sets: &[EvalSet]) -> Vec<(String, ModelRef)> {
    sets.iter()
        .enumerate()
        .flat_map(|(s, set)| {
            set.models.names().iter().enumerate().map(move |(m, name)| {
                (
                    name.clone(),
                    ModelRef {
                        set: s,
                        model: u32::try_from(m).unwrap_or(u32::MAX),
                    },
                )
            })
        })
        .collect()
}

/// Two models' first scored outcome on each task id they share.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NamedPaired {
    /// Shared task ids, in A's order.
    pub tasks: Vec<String>,
    /// A's outcomes.
    pub a: Vec<bool>,
    /// B's outcomes.
    pub b: Vec<bool>,
    /// Task ids only A has a scored result for.
    pub only_a: Vec<String>,
    /// Task ids only B has a scored result for.
    pub only_b: Vec<String>,
}

fn outcomes(set: &EvalSet, model: u32) -> Vec<(String, bool)> {
    let Some(pass) = &set.pass else {
        return Vec::new();
    };
    let mut seen = vec![false; set.tasks.len()];
    let mut out = Vec::new();
    for ((&t, &m), p) in set.task.iter().zip(&set.model).zip(pass) {
        if m == model
            && !seen[t as usize]
            && let Some(p) = p
        {
            seen[t as usize] = true;
            out.push((set.tasks.name(t).to_owned(), *p));
        }
    }
    out
}

/// The paired view of two models, matching tasks by id across sets.
#[must_use]
pub fn paired(sets: &[EvalSet], a: ModelRef, b: ModelRef) -> NamedPaired {
    let oa = outcomes(&sets[a.set], a.model);
    let ob = outcomes(&sets[b.set], b.model);
    let b_map: HashMap<&str, bool> = ob.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    let a_names: std::collections::HashSet<&str> = oa.iter().map(|(t, _)| t.as_str()).collect();
    let mut view = NamedPaired::default();
    for (t, pa) in &oa {
        match b_map.get(t.as_str()) {
            Some(&pb) => {
                view.tasks.push(t.clone());
                view.a.push(*pa);
                view.b.push(pb);
            }
            None => view.only_a.push(t.clone()),
        }
    }
    view.only_b = ob
        .iter()
        .filter(|(t, _)| !a_names.contains(t.as_str()))
        .map(|(t, _)| t.clone())
        .collect();
    view
}
