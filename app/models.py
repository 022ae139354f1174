"""Every model, imported in one place for Alembic and the shell."""

from .accounts.models import User, project_members
from .accounts.throttle import LoginThrottle
from .audit.models import AuditEvent
from .centres.models import Organisation, Project
from .library.models import Questionnaire, QuestionnaireAudio
from .responses.models import Answer, Mode, Response
from .responses.tallies import AnswerTally, ResponseTally
from .roles import Role
from .rounds.lock import PinTries
from .rounds.models import Round
from .rounds.sessions import RoundSession
from .voices.models import VoiceRecording

__all__ = ["Answer", "AnswerTally", "AuditEvent", "LoginThrottle", "Mode", "Organisation", "PinTries", "Project",
           "Questionnaire", "QuestionnaireAudio", "Response", "ResponseTally", "Role", "Round", "RoundSession", "User",
           "VoiceRecording",
           "project_members"]
