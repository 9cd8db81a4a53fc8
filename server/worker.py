"""The gunicorn worker of `kg serve` when queries run in the serving process: one connection at a
time, kept alive while no other client waits.

Each worker evaluates its queries itself and is ended by its watchdog when one passes the time
limit (server/watchdog.py), so it must never hold a request other than the one it is answering:
that request would be lost with the worker. gunicorn's sync worker guarantees this by closing every
connection after one answer, which costs a connection per request. This worker keeps the
connection open for the client's next request (HTTP keep-alive) as long as no other client is
waiting to connect; when one is (the listening socket has a connection nobody has accepted), the
answer says `Connection: close`, so the worker moves on and clients take turns. A kept-alive
connection is closed when its client sends nothing for `keepalive` seconds, or for `GRACE`
seconds while another client waits and no other worker takes it (an idle browser must not keep a
worker from others; a client sending at that very moment sees the connection close, the ordinary
keep-alive race, which HTTP clients answer by retrying). A worker never accepts a connection
while it holds one, so a request never queues behind a runaway query in the same process: it
waits in the listening socket's queue, where any other worker takes it.
"""

from __future__ import annotations

import errno
import select
import sys
import time
from datetime import datetime

from gunicorn import http, util
from gunicorn.http import wsgi
from gunicorn.workers.sync import SyncWorker

GRACE = 0.1  # seconds a kept-alive client may still send in while another client waits


class OneConnectionWorker(SyncWorker):  # type: ignore[misc]
    """A sync worker with keep-alive for one connection at a time (see the module's docstring)."""

    def handle(self, listener, client, addr) -> None:  # type: ignore[no-untyped-def]
        req = None
        try:
            parser = http.get_parser(self.cfg, client, addr)
            while True:
                req = next(parser)
                if not self.handle_request(listener, req, client, addr):
                    break
                req = None
                self.notify()  # gunicorn's heartbeat: alive between requests of one connection
                if not self._next_request_comes(parser, client):
                    break
        except http.errors.NoMoreData:
            pass  # the client closed its kept-alive connection
        except StopIteration:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN):
                self.log.exception("Socket error processing request.")
        except BaseException as exc:  # noqa: BLE001 - as gunicorn's sync worker: answer 500, log
            self.handle_error(req, client, addr, exc)
        finally:
            self._close(client)

    @staticmethod
    def _close(client) -> None:  # type: ignore[no-untyped-def]
        """Close at once when the client sent nothing more, else gunicorn's way (drain, no RST)."""
        try:
            unread = bool(select.select([client], [], [], 0)[0])
        except (OSError, ValueError):
            unread = True
        if unread:
            util.close_graceful(client)
        else:
            client.close()

    def _next_request_comes(self, parser, client) -> bool:  # type: ignore[no-untyped-def]
        """Whether the client sends another request before the connection is given up."""
        if parser.unreader.buf.getbuffer().nbytes:  # already read (a pipelined request)
            return True
        listener = self.sockets[0]
        deadline = time.monotonic() + self.cfg.keepalive
        while self.alive:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            readable, _, _ = select.select([client, *self.sockets], [], [], remaining)
            if client in readable:
                return True
            if readable:  # another client waits: ours may send in, else let the other in
                if select.select([client], [], [], GRACE)[0]:
                    return True
                if self._others_waiting(listener):
                    return False
        return False

    @staticmethod
    def _others_waiting(listener) -> bool:  # type: ignore[no-untyped-def]
        """Whether a connection waits on the listening socket, accepted by no worker yet."""
        try:
            return bool(select.select([listener], [], [], 0)[0])
        except (OSError, ValueError):
            return True

    def handle_request(self, listener, req, client, addr) -> bool:  # type: ignore[no-untyped-def, override]
        """Answer one request (gunicorn's sync worker's code but for the keep-alive decision);
        return whether the connection stays open."""
        environ: dict[str, object] = {}
        resp = None
        try:
            self.cfg.pre_request(self, req)
            request_start = datetime.now()
            resp, environ = wsgi.create(req, client, addr, listener.getsockname(), self.cfg)
            self.nr += 1
            if self.nr >= self.max_requests:
                self.log.info("Autorestarting worker after current request.")
                self.alive = False
            if not self.alive or not self.cfg.keepalive or self._others_waiting(listener):
                resp.force_close()
            respiter = self.wsgi(environ, resp.start_response)
            try:
                if isinstance(respiter, environ["wsgi.file_wrapper"]):  # type: ignore[arg-type]
                    resp.write_file(respiter)
                else:
                    for item in respiter:
                        resp.write(item)
                resp.close()
            finally:
                self.log.access(resp, req, environ, datetime.now() - request_start)
                if hasattr(respiter, "close"):
                    respiter.close()
            return not resp.should_close()
        except OSError:
            util.reraise(*sys.exc_info())
        except (Exception, SystemExit):
            if resp and resp.headers_sent:
                self.log.exception("Error handling request")
                util.close_graceful(client)
                raise StopIteration() from None
            raise
        finally:
            try:
                self.cfg.post_request(self, req, environ, resp)
            except Exception:  # as gunicorn: a hook's failure is logged only
                self.log.exception("Exception in post_request hook")
        return False  # not reached: every path above returns or raises
