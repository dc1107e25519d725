//! Bayesian model averaging over decomposable graphical models (Madigan and York 1997; the
//! R package dga by Johndrow, Lum and Ball).
//!
//! Each decomposable graph on the lists is a model; with a hyper-Dirichlet prior its marginal
//! likelihood factorises over cliques and separators, so the posterior of (graph, N) is exact
//! on a grid of values for the number missed. No fit can fail, which makes this the method of
//! choice when lists barely overlap, but the prior then matters: warnings say so.

mod graphs;
mod posterior;

pub use graphs::{decomposable_graphs, DecomposableGraph};
pub use posterior::{bma, BmaOptions, BmaResult, GraphPosterior, PopulationPrior};
