"""What an import, an export or a suggestion run did, said in the window's language.

The reports' own ``summary()`` lines are the command line's (English); the window says the same counts
through Qt's translation system, with plural forms. Detail lines a report carries (a skipped file and why,
a format's warning) are shown as the core wrote them.
"""

from __future__ import annotations

from annotator.formats.base import ExportReport, ImportReport
from annotator.services.suggesting import SuggestReport
from annotator.ui.i18n import tr_, trn_


def import_summary(report: ImportReport) -> str:
    """One line: what was written, what was already there, and what was skipped."""
    parts = [trn_("%n new document(s)", "", report.new_documents)]
    if report.existing_documents:
        parts.append(trn_("%n already present", "", report.existing_documents))
    if report.spans_added or report.spans_updated or report.spans_unchanged:
        parts.append(trn_("%n span(s) added", "", report.spans_added))
        if report.spans_updated:
            parts.append(trn_("%n updated", "", report.spans_updated))
        if report.spans_unchanged:
            parts.append(trn_("%n already present", "", report.spans_unchanged))
    if report.links_added:
        parts.append(trn_("%n link(s) added", "", report.links_added))
    if report.conflicts:
        parts.append(trn_("%n conflict(s)", "", len(report.conflicts)))
    if report.orphans:
        parts.append(trn_("%n orphaned", "", len(report.orphans)))
    if report.warnings:
        parts.append(trn_("%n warning(s)", "", len(report.warnings)))
    parts.append(trn_("%n skipped", "", len(report.skipped)))
    if report.cancelled:
        return tr_("Cancelled; imported: {parts}").format(parts=", ".join(parts))
    return tr_("Imported: {parts}").format(parts=", ".join(parts))


def export_headline(report: ExportReport) -> str:
    """What was written, in which format, without the path: "exported 2 documents, 1 span as CSV"."""
    documents = trn_("%n document(s)", "", report.documents)
    spans = trn_("%n span(s)", "", report.spans)
    if report.format:
        return tr_("exported {documents}, {spans} as {format}").format(
            documents=documents, spans=spans, format=report.title or report.format
        )
    return tr_("exported {documents}, {spans}").format(documents=documents, spans=spans)


def export_summary(report: ExportReport) -> str:
    """One line: what was written, in which format, where, and how many warnings."""
    line = tr_("{headline} to {path}").format(headline=export_headline(report), path=report.path)
    if report.warnings:
        line += " " + trn_("(%n warning(s))", "", len(report.warnings))
    return line


def suggest_summary(report: SuggestReport) -> str:
    """How many suggestions a run stored, per source, in how many documents; else why none."""
    if not report.total:
        return nothing_new(report)
    parts = ", ".join(f"{n} {source}" for source, n in report.per_source.items())  # source names are ids
    line = trn_("%n new suggestion(s) in {documents} ({sources})", "", report.total).format(
        documents=trn_("%n document(s)", "", report.documents), sources=parts
    )
    if report.already_present:
        line += "; " + trn_("%n already there (not proposed again)", "", report.already_present)
    return line


def nothing_new(report: SuggestReport) -> str:
    """Why a run proposed nothing: what was already there, or that the sources found nothing."""
    where = trn_("%n document(s)", "", report.documents)
    if report.already_present:
        return trn_(
            "No new suggestions in {documents}: %n already there (not proposed again)", "", report.already_present
        ).format(documents=where)
    return tr_("No new suggestions in {documents}: the sources found nothing to propose").format(documents=where)
