"""What the JSON API (``api/``) and the pages (``web/``) share: the request's plumbing.

The life of a request:

0. ``http.body_limit`` refuses a body over ``NONPRO_MAX_BODY_BYTES`` (413) before anything
   below reads it.
1. The middleware (``http.headers``) will add the security headers to whatever answer comes back;
   Starlette's session middleware reads the signed cookie.
2. ``http.unit_of_work.unit_of_work`` opens the request's ``UnitOfWork``: one session, one
   transaction.
3. The sign-in check (``http.signin``: an API token, or the web session) reads the user, works
   out the principal and ends its own short transaction at once; ``requires`` /
   ``page_requires`` then let the request through only with the permission the route needs.
4. ``SessionRoute`` refuses a JSON body holding a value no schema should see (an infinite
   number, a lone surrogate: ``http.invalid_requests``, which also answers every request
   FastAPI cannot parse with a 422 naming the field). The handler, on a request thread, parses
   its input into a schema, calls one service (which
   flushes, never commits), and maps the result. A web form that refuses its input calls
   ``uow.discard()`` (``web.forms`` does it for it).
5. On the handler's way out, still on its thread, ``SessionRoute`` ends the transaction through
   ``UnitOfWork.end``: committed, or rolled back if discarded. An exception rolls it back.
6. ``unit_of_work`` closes the session (finishing off the request pool anything opened after
   the handler) before the response is sent: a 200 means stored.

Downloads (``http.downloads``) and uploads (``http.uploads``) are here because both API and
pages send and receive files. ``api/`` and ``web/`` are peers: neither imports the other.
"""
