"""The reference for bench/startup.py: a minimal typer app with two commands, as a new
project would write it."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye(name: str, polite: bool = False) -> None:
    """Say goodbye."""
    print(f"goodbye {name}")


if __name__ == "__main__":
    app()
