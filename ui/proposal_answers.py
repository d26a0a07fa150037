"""The admin's answers to a worker's label proposals, as one message for her.

Read from the project file (``labeler.proposal_answers``), written in her language, and
marked seen once shown, so each answer is told once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from labeler.project import Project
from labeler.proposal_answers import ProposalAnswer, mark_seen, unseen_answers


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProposalAnswers", text)


def describe(answer: ProposalAnswer, label_name: str) -> str:
    if answer.decision == "added":
        text = _tr("Your proposal “%1” was accepted: it is now the label “%2”.")
    elif answer.decision == "renamed":
        text = _tr("Your proposal “%1” was accepted: the label “%2” has a new name.")
    elif answer.decision == "merged":
        text = _tr("Your proposal “%1”: please use the label “%2” for it.")
    else:
        text = _tr("Your proposal “%1” was not added.")
    text = text.replace("%1", answer.name).replace("%2", label_name)
    if answer.reply:
        text += " " + _tr("The admin says: %1").replace("%1", answer.reply)
    return text


def answers_text(project: Project, worker: str, language: str) -> str:
    """Every unseen answer to ``worker``'s proposals, one per line; marks them seen."""
    answers = unseen_answers(project, worker)
    if not answers:
        return ""
    taxonomy = project.taxonomy
    lines = []
    for a in answers:
        lab = taxonomy.get(a.label_id) if a.label_id else None
        lines.append(describe(a, lab.name(language) if lab else (a.label_id or "")))
    mark_seen(project, [a.proposal_uuid for a in answers])
    return "\n".join(lines)
