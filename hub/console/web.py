"""The console as a Starlette app, mounted by the hub at /console."""

from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hub.console import (
    compliance,
    history,
    home,
    pair,
    quality,
    queue,
    record,
    reviews,
    signin,
)
from hub.console.page import render
from hub.console.throttle import SignInThrottle
from hub.graphql_app import HubGraphQL

STATIC = resources.files("hub.console").joinpath("static")


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return render(
        request,
        "error.html",
        status_code=error.status_code,
        status=error.status_code,
        message=error.detail,
    )


def console_app(graphql: HubGraphQL) -> Starlette:
    """Every console page and action, executed through `graphql` as the signed-in caller."""
    app = Starlette(
        routes=[
            Route("/", home.home, name="home"),
            Route("/signin", signin.signin_page, methods=["GET"], name="signin"),
            Route("/signin", signin.signin, methods=["POST"]),
            Route("/signout", signin.signout, methods=["POST"], name="signout"),
            Route("/duplicates", queue.queue, name="queue"),
            Route("/duplicates/{id}", pair.pair, name="pair"),
            Route("/duplicates/{id}/merge", pair.merge, methods=["POST"], name="merge"),
            Route("/duplicates/{id}/dismiss", pair.dismiss, methods=["POST"], name="dismiss"),
            Route("/merges", history.history, name="merges"),
            Route("/merges/{id}", history.merge_event, name="merge_event"),
            Route("/merges/{id}/undo", history.undo, methods=["POST"], name="undo"),
            Route("/reviews", reviews.inbox, name="reviews"),
            Route("/reviews/{id}", reviews.review, methods=["POST"], name="review"),
            Route("/compliance", compliance.dashboard, name="compliance"),
            Route("/quality", quality.report, name="quality"),
            Route("/quality/{rule}", quality.rule, name="quality_rule"),
            Route("/quality/{rule}/fix", quality.fix, methods=["POST"], name="quality_fix"),
            Route("/records/{id}", record.record, name="record"),
            Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        ],
        exception_handlers={HTTPException: _refused},
    )
    app.state.graphql = graphql
    app.state.signin_throttle = SignInThrottle()
    return app
