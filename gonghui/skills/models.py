"""The skills app's models, each part in its own module."""

from gonghui.skills.apprenticeship_models import Apprenticeship, ApprenticeshipEvent
from gonghui.skills.competition_models import (
    Competition,
    CompetitionAward,
    CompetitionEntry,
    CompetitionEvent,
    CompetitionParticipant,
    CompetitionReport,
    CompetitionScore,
    CompetitionStage,
)
from gonghui.skills.innovation_models import Patent, Suggestion, SuggestionEvent, SuggestionReward
from gonghui.skills.studio_models import (
    InnovationStudio,
    StudioAssessment,
    StudioEvent,
    StudioMember,
    StudioResult,
)
from gonghui.skills.training_models import TrainingCourse, TrainingLevelCount

__all__ = ["Apprenticeship", "ApprenticeshipEvent", "Competition", "CompetitionAward", "CompetitionEntry",
           "CompetitionEvent", "CompetitionParticipant", "CompetitionReport", "CompetitionScore", "CompetitionStage",
           "InnovationStudio", "Patent", "StudioAssessment", "StudioEvent", "StudioMember", "StudioResult",
           "Suggestion", "SuggestionEvent", "SuggestionReward", "TrainingCourse", "TrainingLevelCount"]
