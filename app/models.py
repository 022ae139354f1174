"""Every model, imported in one place for Alembic and the shell."""

from .accounts.models import LoginThrottle, StaffSession, User, project_members
from .audit.models import AuditEvent
from .centres.models import Organisation, Project
from .library.models import Questionnaire, QuestionnaireAudio
from .responses.models import Answer, AnswerTally, Mode, Response, ResponseTally
from .roles import Role
from .rounds.models import PinTries, Round, RoundSession
from .voices.models import VoiceRecording

__all__ = ["Answer", "AnswerTally", "AuditEvent", "LoginThrottle", "Mode", "Organisation", "PinTries", "Project",
           "Questionnaire", "QuestionnaireAudio", "Response", "ResponseTally", "Role", "Round", "RoundSession",
           "StaffSession", "User", "VoiceRecording",
           "project_members"]
