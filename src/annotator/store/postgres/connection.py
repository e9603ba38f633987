"""Connections to a team server: libpq addresses, the optional driver, and its errors as store errors.

Any libpq connection string works (``postgresql://user@host/db?sslmode=verify-full``, ``host=… dbname=…``,
``service=team``): it reaches libpq unchanged, so TLS (``sslmode``, ``sslrootcert``), the password file
(``~/.pgpass`` or ``passfile=``) and the service file (``~/.pg_service.conf``) work as for ``psql``. The app
never stores a password.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from annotator.core.model import ValidationError
from annotator.store.errors import DriverMissing, PermissionDenied, ServerUnavailable, StoreError
from annotator.store.postgres import MISSING_DRIVER

if TYPE_CHECKING:
    import psycopg

APPLICATION_NAME = "annotator"
CONNECT_TIMEOUT_S = 10


def load_psycopg() -> ModuleType:
    """The psycopg module; DriverMissing (saying what to install) when the ``team`` extra is absent."""
    try:
        import psycopg
    except ImportError:
        raise DriverMissing(MISSING_DRIVER) from None
    return psycopg


def describe(conninfo: str) -> str:
    """The address without its password, to name the server in messages."""
    psycopg = load_psycopg()
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "(unreadable connection string)"
    params.pop("password", None)
    if set(params) == {"service"}:
        return f"service {params['service']}"
    host = params.get("host") or "localhost"
    where = f"{params['user']}@" if params.get("user") else ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"{where}{host}{port}/{params.get('dbname') or params.get('service') or '(default database)'}"


def connect(conninfo: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """Open a connection; ServerUnavailable (one line, no password) when the server cannot be reached,
    refuses the login, or the TLS required by ``sslmode`` cannot be set up."""
    driver = load_psycopg()
    try:
        params = driver.conninfo.conninfo_to_dict(conninfo)
    except driver.ProgrammingError as exc:
        raise ValidationError(f"not a PostgreSQL connection string: {_first_line(exc)}") from None
    extra: dict[str, Any] = {}
    if "application_name" not in params:
        extra["application_name"] = APPLICATION_NAME
    if "connect_timeout" not in params:
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        connection: psycopg.Connection[Any] = driver.connect(conninfo, autocommit=autocommit, **extra)
        return connection
    except driver.OperationalError as exc:
        raise ServerUnavailable(f"cannot connect to the team server {describe(conninfo)}: {_first_line(exc)}") from None


def translate_error(exc: Exception) -> StoreError | ValidationError | None:
    """The store error a psycopg error stands for, or None when it is not one we expect (our bug)."""
    psycopg = load_psycopg()
    if not isinstance(exc, psycopg.Error):
        return None
    message = _message(exc)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return PermissionDenied(f"the team server refused it to your role: {message}")
    if isinstance(exc, psycopg.IntegrityError):
        return ValidationError(f"refused by the project's integrity rules: {message}")
    if isinstance(exc, psycopg.errors.NumericValueOutOfRange):
        return ValidationError(f"a number is out of range: {message}")
    if isinstance(exc, psycopg.OperationalError):
        return ServerUnavailable(f"the team server connection failed: {message}")
    return None


def _message(exc: Exception) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return primary or _first_line(exc)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # libpq prefixes server messages with the address tried ('connection to server at … failed: FATAL: …').
    return lines[0] if lines else type(exc).__name__
