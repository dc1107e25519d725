//! Warnings about the data themselves, shared by every method.

use crate::mse::CaptureData;

pub(super) fn data_warnings(data: &CaptureData) -> Vec<String> {
    let names = data.names();
    let n = data.n_observed();
    let overlaps = data.overlaps();
    let mut w = Vec::new();
    if data.n_lists() == 2 {
        w.push("with two lists the estimate rests on the untestable assumption that being on one list does not change the chance of being on the other".into());
    }
    if n < 50.0 {
        w.push(format!(
            "only {n} people were observed: estimates from so few are unreliable"
        ));
    }
    for k in 0..data.n_lists() {
        let on = overlaps[1 << k];
        if on == 0.0 {
            w.push(format!("list {} is empty", names[k]));
        } else if on == n {
            w.push(format!("list {} contains everyone observed", names[k]));
        }
    }
    for i in 0..data.n_lists() {
        for j in (i + 1)..data.n_lists() {
            if overlaps[(1 << i) | (1 << j)] == 0.0 {
                w.push(format!(
                    "lists {} and {} never overlap: nothing in the data shows how they depend on each other (their interaction, if selected, is fitted at minus infinity)",
                    names[i], names[j]
                ));
            }
        }
    }
    w
}
