"""Team roles that the database itself enforces: reader, annotator, curator.

Three group roles per project database (``<prefix>_reader``, ``<prefix>_annotator``, ``<prefix>_curator``,
the prefix being the database's name unless chosen), each a member of the one before, and one login role
per person, member of one group. A person's database user name is their annotator name: the layer they write.

- **reader**: reads everything, writes nothing (table privileges).
- **annotator**: writes their own layer — spans whose ``annotator`` is their user name, their links, the
  attributes of their spans — and entities they create; reviews other annotators' spans (only the review
  fields change, signed with their own name; a review signed by someone else stays theirs).
- **curator**: an annotator who also writes the ``gold`` layer (adjudication), reviews any span, and
  manages documents, labels, link types, entities and settings.

Row-level security decides which rows a team member may insert, update or delete; a trigger decides what
an update may change (an annotator reviewing someone else's span changes the review and nothing else).
The database owner and superusers are not team members: they bypass both, as ``annotator team init`` and
a future ``annotator copy`` need. Passwords are never stored by the app: ``add_user`` sends the server a
SCRAM verifier computed by libpq, so not even the server's log sees the password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.model import GOLD_ANNOTATOR, ValidationError
from annotator.store.errors import NotFound, StoreError
from annotator.store.postgres.connection import load_psycopg

if TYPE_CHECKING:
    import psycopg

ROLES = ("reader", "annotator", "curator")
MAX_NAME_BYTES = 63  # PostgreSQL's identifier length (longer names would be cut silently)
_RESERVED = {GOLD_ANNOTATOR, "public", "none", "current_user", "session_user", "current_role", "all"}
_TEAM_TABLE = """
CREATE TABLE IF NOT EXISTS team_roles (
    role text PRIMARY KEY CHECK (role IN ('reader', 'annotator', 'curator')),
    name text NOT NULL UNIQUE
)
"""


class NotATeamDatabase(StoreError):
    """The database has no team roles yet (``annotator team init`` was not run on it)."""


@dataclass(frozen=True, slots=True)
class TeamUser:
    """A login role that belongs to the project's team."""

    name: str
    role: str
    can_login: bool


def default_prefix(database: str) -> str:
    """Group role prefix for a database: its name in lower case, other characters as ``_``."""
    prefix = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_") or "annotator"
    if prefix[0].isdigit():
        prefix = f"p_{prefix}"
    return prefix[: MAX_NAME_BYTES - len("_annotator")]


def check_user_name(name: str) -> str:
    """A name usable both as an annotator (layer) name and a PostgreSQL role; ValidationError otherwise."""
    if not name or name != name.strip() or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValidationError(f"invalid user name {name!r}: no empty name, edge spaces or control characters")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ValidationError(f"user name {name!r} is longer than {MAX_NAME_BYTES} bytes")
    if name.lower() in _RESERVED or name.startswith("pg_"):
        raise ValidationError(f"{name!r} cannot be a user name (reserved: {GOLD_ANNOTATOR} is the curated layer)")
    return name


def check_role(role: str) -> str:
    """One of reader, annotator, curator."""
    if role not in ROLES:
        raise ValidationError(f"unknown role {role!r}: expected {', '.join(ROLES)}")
    return role


def team_groups(conn: psycopg.Connection[Any]) -> dict[str, str]:
    """The project's group role names by role; NotATeamDatabase if the team was never set up."""
    exists = conn.execute("SELECT to_regclass('public.team_roles') IS NOT NULL").fetchone()
    if exists and exists[0]:
        groups = dict(conn.execute("SELECT role, name FROM public.team_roles").fetchall())
        if set(groups) == set(ROLES):
            return groups
    raise NotATeamDatabase(f"the database {conn.info.dbname} has no team yet: run annotator team init on it first")


def _role_exists(conn: psycopg.Connection[Any], name: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", (name,)
    ).fetchone()
    if row is None:
        return None
    return {"login": row[0], "super": row[1], "bypassrls": row[2]}


def install_roles(conn: psycopg.Connection[Any], prefix: str | None = None) -> dict[str, str]:
    """Create (or refresh) the group roles, privileges, policies and rules; returns the groups by role.

    Idempotent: run again after an upgrade, it brings policies up to date and keeps the existing groups.
    Needs the database owner with the right to create roles.
    """
    sql = load_psycopg().sql
    conn.execute(_TEAM_TABLE)
    existing = dict(conn.execute("SELECT role, name FROM public.team_roles").fetchall())
    if existing and prefix is not None and existing.get("reader") != f"{prefix}_reader":
        raise ValidationError(
            f"this database's team roles are {', '.join(sorted(existing.values()))}; keep their prefix"
        )
    chosen = prefix or default_prefix(conn.info.dbname)
    groups = {role: existing.get(role) or f"{chosen}_{role}" for role in ROLES}
    for role in ROLES:
        name = groups[role]
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise ValidationError(f"the group role {name} is longer than {MAX_NAME_BYTES} bytes: use a shorter prefix")
        found = _role_exists(conn, name)
        if found is None:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        elif found["login"] or found["super"]:
            raise ValidationError(f"the role {name} already exists and can log in; choose another --prefix")
        conn.execute(
            "INSERT INTO public.team_roles (role, name) VALUES (%s, %s) ON CONFLICT (role) DO NOTHING", (role, name)
        )
    reader, annotator, curator = (sql.Identifier(groups[r]) for r in ROLES)
    database = sql.Identifier(conn.info.dbname)
    statements = [
        sql.SQL("GRANT {} TO {}").format(reader, annotator),
        sql.SQL("GRANT {} TO {}").format(annotator, curator),
        sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database),
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(database, reader),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(reader),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(reader),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON annotations, links, attributes, span_scores TO {}").format(annotator),
        sql.SQL("GRANT INSERT ON entities TO {}").format(annotator),
        sql.SQL(
            "GRANT INSERT, UPDATE, DELETE ON documents, document_sources, labels, link_types, entities, settings TO {}"
        ).format(curator),
    ]
    for statement in statements:
        conn.execute(statement)
    for statement in _policies(groups):
        conn.execute(statement)
    return groups


def _policies(groups: dict[str, str]) -> list[Any]:
    sql = load_psycopg().sql
    reader, annotator, curator = (sql.Identifier(groups[r]) for r in ROLES)
    curator_name = sql.Literal(groups["curator"])
    gold = sql.Literal(GOLD_ANNOTATOR)
    # session_user, the login, not current_user: SET ROLE to a group cannot open a layer named after it.
    is_curator = sql.SQL("pg_has_role(session_user, {}, 'MEMBER')").format(curator_name)
    own = sql.SQL("annotator = session_user")
    gold_layer = sql.SQL("annotator = {}").format(gold)
    own_attribute = sql.SQL(
        "EXISTS (SELECT 1 FROM public.annotations a WHERE a.id = attributes.span_id AND a.annotator = session_user)"
    )
    gold_attribute = sql.SQL(
        "EXISTS (SELECT 1 FROM public.annotations a WHERE a.id = attributes.span_id AND a.annotator = {})"
    ).format(gold)
    own_score = sql.SQL(
        "EXISTS (SELECT 1 FROM public.annotations a WHERE a.id = span_scores.span_id AND a.annotator = session_user)"
    )
    gold_score = sql.SQL(
        "EXISTS (SELECT 1 FROM public.annotations a WHERE a.id = span_scores.span_id AND a.annotator = {})"
    ).format(gold)
    anyone = sql.SQL("true")
    # (table, policy, command, role, USING, WITH CHECK). Updates: which rows here, what may change in the trigger.
    rules: list[tuple[str, str, str, Any, Any, Any]] = [
        ("annotations", "team_read", "SELECT", reader, anyone, None),
        ("annotations", "team_own_insert", "INSERT", annotator, None, own),
        ("annotations", "team_own_update", "UPDATE", annotator, own, anyone),
        ("annotations", "team_own_delete", "DELETE", annotator, own, None),
        ("annotations", "team_gold_insert", "INSERT", curator, None, gold_layer),
        ("annotations", "team_gold_update", "UPDATE", curator, gold_layer, anyone),
        ("annotations", "team_gold_delete", "DELETE", curator, gold_layer, None),
        (
            "annotations",
            "team_review",
            "UPDATE",
            annotator,
            sql.SQL("annotator <> session_user AND (annotator <> {} OR {})").format(gold, is_curator),
            anyone,
        ),
        ("links", "team_read", "SELECT", reader, anyone, None),
        ("links", "team_own", "ALL", annotator, own, own),
        ("links", "team_gold", "ALL", curator, gold_layer, gold_layer),
        ("attributes", "team_read", "SELECT", reader, anyone, None),
        ("attributes", "team_own", "ALL", annotator, own_attribute, own_attribute),
        ("attributes", "team_gold", "ALL", curator, gold_attribute, gold_attribute),
        ("span_scores", "team_read", "SELECT", reader, anyone, None),
        ("span_scores", "team_own", "ALL", annotator, own_score, own_score),
        ("span_scores", "team_gold", "ALL", curator, gold_score, gold_score),
    ]
    statements: list[Any] = []
    for table in ("annotations", "links", "attributes", "span_scores"):
        statements.append(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(sql.Identifier(table)))
        statements.append(
            sql.SQL(
                "DO $$ DECLARE p record; BEGIN "
                "FOR p IN SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = {} LOOP "
                "EXECUTE format('DROP POLICY %I ON public.%I', p.policyname, {}); END LOOP; END $$"
            ).format(sql.Literal(table), sql.Literal(table))
        )
    for table, name, command, role, using, check in rules:
        statement = sql.SQL("CREATE POLICY {} ON {} FOR {} TO {}").format(
            sql.Identifier(name), sql.Identifier(table), sql.SQL(command), role
        )
        if using is not None:
            statement = sql.SQL("{} USING ({})").format(statement, using)
        if check is not None:
            statement = sql.SQL("{} WITH CHECK ({})").format(statement, check)
        statements.append(statement)
    statements.append(sql.SQL(_UPDATE_RULES).format(curator=curator_name, gold=gold))
    statements.append(sql.SQL("DROP TRIGGER IF EXISTS annotator_team_update_rules ON annotations"))
    statements.append(
        sql.SQL(
            "CREATE TRIGGER annotator_team_update_rules BEFORE UPDATE ON annotations "
            "FOR EACH ROW EXECUTE FUNCTION annotator_team_update_rules()"
        )
    )
    return statements


# What a team member's update of a span may change: in their own layer (a curator's includes gold) anything
# but the layer; in another's, only the review. A review is signed with one's own name and never overwrites
# someone else's, except by a curator. Undoing one's own review (back to unreviewed) is a change like any.
_UPDATE_RULES = """
CREATE OR REPLACE FUNCTION annotator_team_update_rules() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
    me text := session_user;
    curator boolean;
BEGIN
    IF NOT row_security_active('public.annotations') THEN
        RETURN new;  -- the owner, a superuser, a cascade from labels or entities: not a member's edit
    END IF;
    curator := pg_has_role(session_user, {curator}, 'MEMBER');
    IF old.annotator = me OR (curator AND old.annotator = {gold}) THEN
        IF new.annotator IS DISTINCT FROM old.annotator THEN
            RAISE EXCEPTION 'span % stays in the layer of %', old.id, old.annotator
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF (new.id, new.document_id, new.start, new."end", new.label, new.text, new.annotator, new.note,
           new.status, new.source, new.entity_id, new.created)
          IS DISTINCT FROM (old.id, old.document_id, old.start, old."end", old.label, old.text,
           old.annotator, old.note, old.status, old.source, old.entity_id, old.created) THEN
        RAISE EXCEPTION 'span % belongs to the layer of %: you may only review it', old.id, old.annotator
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT curator AND (new.review, new.reviewer, new.review_comment)
                       IS DISTINCT FROM (old.review, old.reviewer, old.review_comment) THEN
        IF old.reviewer IS NOT NULL AND old.reviewer <> me THEN
            RAISE EXCEPTION 'span % was reviewed by %: only they or a curator change that review', old.id, old.reviewer
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF new.reviewer IS DISTINCT FROM me
           AND NOT (new.review = 'unreviewed' AND new.reviewer IS NULL AND new.review_comment IS NULL) THEN
            RAISE EXCEPTION 'a review is signed with your own name (%), not %', me, coalesce(new.reviewer, 'nobody')
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN new;
END
$$
"""


def _hashed_password(conn: psycopg.Connection[Any], name: str, password: str) -> str:
    # libpq computes the verifier (SCRAM-SHA-256 with the server's default settings) on this side.
    verifier = conn.pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"))
    return verifier.decode("ascii")


def _check_member_candidate(conn: psycopg.Connection[Any], name: str, groups: dict[str, str]) -> dict[str, Any] | None:
    check_user_name(name)
    if name in groups.values():
        raise ValidationError(f"{name} is one of the team's group roles, not a person")
    found = _role_exists(conn, name)
    if found is not None and (found["super"] or found["bypassrls"]):
        raise ValidationError(f"{name} is a server administrator (it bypasses row-level security), not a team member")
    return found


def user_role(conn: psycopg.Connection[Any], name: str) -> str | None:
    """The project role ``name`` holds directly (reader, annotator or curator), or None."""
    groups = team_groups(conn)
    rows = conn.execute(
        "SELECT t.role FROM public.team_roles t JOIN pg_roles g ON g.rolname = t.name "
        "JOIN pg_auth_members m ON m.roleid = g.oid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
        (name,),
    ).fetchall()
    held = [r[0] for r in rows if r[0] in groups]
    return max(held, key=ROLES.index) if held else None


def add_user(conn: psycopg.Connection[Any], name: str, role: str, password: str | None) -> bool:
    """Give ``name`` a role in the project; creates the login role if it does not exist (returns True then).

    ``password`` None: no password (the server authenticates otherwise: peer, certificate, Kerberos); an
    existing role keeps its password unless one is given.
    """
    sql = load_psycopg().sql
    check_role(role)
    groups = team_groups(conn)
    found = _check_member_candidate(conn, name, groups)
    current = user_role(conn, name) if found is not None else None
    if current is not None and current != role:
        raise ValidationError(f"{name} is already {current} in this project; change it with team set-role")
    ident = sql.Identifier(name)
    if found is None:
        statement = sql.SQL("CREATE ROLE {} LOGIN").format(ident)
        if password is not None:
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(_hashed_password(conn, name, password)))
        conn.execute(statement)
    else:
        conn.execute(sql.SQL("ALTER ROLE {} LOGIN").format(ident))
        if password is not None:
            conn.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(_hashed_password(conn, name, password)))
            )
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups[role]), ident))
    return found is None


def set_role(conn: psycopg.Connection[Any], name: str, role: str) -> str | None:
    """Make ``name`` a reader, annotator or curator of the project; returns the role held before."""
    sql = load_psycopg().sql
    check_role(role)
    groups = team_groups(conn)
    found = _check_member_candidate(conn, name, groups)
    if found is None:
        raise NotFound(f"no user {name} on this server: add it with team add-user")
    before = user_role(conn, name)
    ident = sql.Identifier(name)
    for other in ROLES:
        if other != role:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(groups[other]), ident))
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups[role]), ident))
    return before


def team_users(conn: psycopg.Connection[Any]) -> list[TeamUser]:
    """Everyone with a role in the project, by name."""
    groups = team_groups(conn)
    rows = conn.execute(
        "SELECT u.rolname, t.role, u.rolcanlogin FROM public.team_roles t JOIN pg_roles g ON g.rolname = t.name "
        "JOIN pg_auth_members m ON m.roleid = g.oid JOIN pg_roles u ON u.oid = m.member "
        "WHERE u.rolname <> ALL(%s) ORDER BY u.rolname",
        (list(groups.values()),),
    ).fetchall()
    best: dict[str, TeamUser] = {}
    for name, role, login in rows:
        if name not in best or ROLES.index(role) > ROLES.index(best[name].role):
            best[name] = TeamUser(name, role, bool(login))
    return sorted(best.values(), key=lambda u: u.name)
