"""Models of the skills app, one module per part of it."""

from gonghui.skills.competition_models import (  # noqa: F401
    Competition,
    CompetitionAward,
    CompetitionEntry,
    CompetitionEvent,
    CompetitionParticipant,
    CompetitionReport,
    CompetitionScore,
    CompetitionStage,
)
