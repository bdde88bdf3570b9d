"""`minutebook serve`: the web app under waitress."""
from __future__ import annotations

import click

from minutebook.config import Home


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Request threads.")
@click.pass_obj
def serve(home: Home, host: str, port: int, threads: int) -> None:
    """Serve the web app and JSON API (loads the model and indexes once, at start)."""
    from waitress import create_server

    from . import create_app

    click.echo(f"Loading {home.root} ...", err=True)
    app = create_app(home)
    server = create_server(app, host=host, port=port, threads=threads)
    click.echo(f"Minutebook is serving {home.root} at http://{host}:{server.effective_port}/ "
               "(Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
