"""The command line: a mistyped command, option or value gets one line naming the near miss."""

from __future__ import annotations

import pytest

from generator.cli import main


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["biuld"],
            "error: unknown command 'biuld' (did you mean 'build'?); "
            "commands: build, export, serve, new, convert, upgrade",
        ),
        (["serv", "--open"], "error: unknown command 'serv' (did you mean 'serve'?)"),
        (
            ["xyz"],
            "error: unknown command 'xyz'; commands: build, export, serve, new, convert, upgrade",
        ),
        (
            ["serve", "--prot", "9000"],
            "error: unknown option '--prot' for paperpick serve (did you mean '--port'?)",
        ),
        (
            ["build", "--ouput=out"],
            "error: unknown option '--ouput=out' for paperpick build (did you mean '--output'?)",
        ),
        (
            ["--versoin"],
            "error: unknown option '--versoin' for paperpick (did you mean '--version'?)",
        ),
        (
            ["export", "l.md", "--format", "cvs"],
            "error: argument -f/--format: 'cvs' is not one of csv, bibtex, md, ics "
            "(did you mean 'csv'?)",
        ),
        (["new", "a", "b"], "error: unexpected argument 'b'; see 'paperpick new --help'"),
        (["new"], "error: the following arguments are required: DIR; see 'paperpick new --help'"),
    ],
)
def test_a_bad_command_line_is_one_line_with_the_near_miss(project, capsys, argv, line):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(line)
    assert captured.err.count("\n") == 1
    assert not any(project.iterdir())  # nothing was written


def test_an_option_far_from_every_option_gets_no_guess(project, capsys):
    assert main(["build", "--zzzzzz"]) == 2
    assert capsys.readouterr().err == "error: unknown option '--zzzzzz' for paperpick build\n"


@pytest.mark.parametrize("command", ["build", "serve"])
def test_build_and_serve_share_their_options(command, capsys):
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    for option in ("LIST.md", "-c FILE, --config FILE", "-o DIR, --output DIR"):
        assert option in text, option


def test_abbreviated_options_still_work(project, capsys):
    (project / "l.md").write_text("## 1. T\n- [x] T | https://example.org/t\n", "utf-8")
    assert main(["export", "l.md", "--out", "picks.csv"]) == 0
    assert (project / "picks.csv").is_file()
    assert "to picks.csv" in capsys.readouterr().out
