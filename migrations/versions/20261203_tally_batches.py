"""tally batches: a running round's figures are released in batches of at least K responses

Revision ID: e2b8f4a61c03
Revises: 5486c2c0fd27
Create Date: 2026-12-03 06:45:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'e2b8f4a61c03'
down_revision = '5486c2c0fd27'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
