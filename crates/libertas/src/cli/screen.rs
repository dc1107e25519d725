//! `libertas screen [FILE]`: run the screening rules on JSON answers, offline.
//!
//! The same rules as `POST /api/v1/screenings`, without a server, so trainers, auditors and
//! partners can check a scenario (or a whole folder of them in a script) and get exactly what
//! the helpline would. Exit codes are part of the interface: 0 with the result JSON on stdout,
//! 2 when the input cannot be read or is not a valid screening (the message names the field),
//! 1 for anything else.

use anyhow::Context;
use clap::{Args, ValueEnum};
use libertas_domain::reports::screening::{
    parse_screening, render, screen, Jurisdiction, Lang, RenderedScreening,
};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `libertas screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// JSON file with the screening answers; standard input when absent or `-`.
    pub file: Option<PathBuf>,
    /// Language of the reasons.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// Law the reasons are written against; the verdict always follows the Palermo Protocol.
    #[arg(long, value_enum, default_value_t = LawArg::Palermo)]
    pub law: LawArg,
}

/// `--lang`: the languages the reasons are translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ro,
    Uk,
    Ru,
}

/// `--law`: the Palermo Protocol alone, or with the UK Modern Slavery Act 2015.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LawArg {
    Palermo,
    Uk,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => Lang::En,
            LangArg::Ro => Lang::Ro,
            LangArg::Uk => Lang::Uk,
            LangArg::Ru => Lang::Ru,
        }
    }
}

impl From<LawArg> for Jurisdiction {
    fn from(law: LawArg) -> Self {
        match law {
            LawArg::Palermo => Jurisdiction::Palermo,
            LawArg::Uk => Jurisdiction::UkModernSlaveryAct,
        }
    }
}

/// Exit status for input that cannot be read or is not a valid screening.
const EXIT_INVALID_INPUT: u8 = 2;

/// Runs the command, printing the result or the error, and returns the exit status.
pub fn run(args: ScreenArgs) -> ExitCode {
    let source = match &args.file {
        Some(path) if path.as_os_str() != "-" => path.display().to_string(),
        _ => "stdin".to_owned(),
    };
    let text = match read_input(args.file.as_ref()) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {source}: cannot read the input: {e}");
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    // `field: message`, or the message alone when the document as a whole is wrong.
    let input = match parse_screening(&text) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("error: {source}: {e}");
            return ExitCode::from(EXIT_INVALID_INPUT);
        }
    };
    let result = render(&screen(&input, args.law.into()), args.lang.into());
    match print(&result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn read_input(file: Option<&PathBuf>) -> std::io::Result<String> {
    let mut text = String::new();
    match file {
        Some(path) if path.as_os_str() != "-" => text = std::fs::read_to_string(path)?,
        _ => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    Ok(text)
}

fn print(result: &RenderedScreening) -> anyhow::Result<()> {
    let line = serde_json::to_string(result).context("cannot encode the result")?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").context("cannot write the result")?;
    out.flush().context("cannot write the result")?;
    Ok(())
}
