//! Integration tests: one binary, one module per feature, fixture sites beside each module.
//! See README.md in this folder for how to add a fixture.

mod arabic;
mod architecture;
mod authoring;
mod bad_input;
mod browser;
mod build;
mod cache;
mod check;
mod codes;
mod countries;
mod disclosure;
mod exports;
mod fmt;
mod fuzz;
mod guide;
mod html;
mod json_schema;
mod languages;
mod maps;
mod outputs;
mod pages;
mod reader_language;
mod reference;
mod refusals;
mod rtl_layout;
mod safety;
mod serve;
mod session;
mod summary;
mod support;
mod survey;
mod survey_form;
mod survey_import;
mod tools;
mod translations;
