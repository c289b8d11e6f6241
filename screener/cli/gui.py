"""Starts the desktop application (imported only when it is needed: Qt is heavy)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from screener.ui.app import run_app

    return run_app(home=args.home)


def register(sub: object) -> None:
    p = sub.add_parser("gui", help="open the desktop application (the default without a command)")  # type: ignore[attr-defined]
    p.set_defaults(func=run)
