//! Integration tests: one binary, one module per feature, fixture sites beside each module.
//! See README.md in this folder for how to add a fixture.

mod bad_input;
mod browser;
mod build;
mod check;
mod fuzz;
mod html;
mod outputs;
mod readme;
mod safety;
mod support;
