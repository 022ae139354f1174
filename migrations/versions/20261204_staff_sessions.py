"""staff sessions: a session per logged-in browser (logging out ends only that one), instead of one token per user

The table keeps only the SHA-256 of each session's token; the raw token is in the browser's cookie. Sessions made
before this migration end (their cookie names no session); so do those made after it when it is undone.

Revision ID: 3d51b7c2e8f4
Revises: a0cf5eeb986e
Create Date: 2026-12-04 09:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3d51b7c2e8f4'
down_revision = 'a0cf5eeb986e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staff_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staff_sessions_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_sessions'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_sessions_user_id'), ['user_id'], unique=False)
    # no batch here: on SQLite a batch rebuilds the users table, and dropping the old one deletes the rows that refer
    # to it (project members...) through ON DELETE CASCADE; SQLite 3.35 and later drop a column in place
    op.drop_column('users', 'session_token')


def downgrade():
    # NOT NULL at once, with a default that is dropped afterwards where the database can do so in place (not SQLite,
    # where it would take a rebuild of users, which deletes the rows that refer to it: see upgrade)
    op.add_column('users', sa.Column('session_token', sa.String(length=64), server_default='', nullable=False))
    # every account a fresh random token, as 20261203_sessions_and_throttles gave them
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(session_token=secrets.token_urlsafe(24)))
    if connection.dialect.name != 'sqlite':
        op.alter_column('users', 'session_token', existing_type=sa.String(length=64), server_default=None)
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_user_id'))
        batch_op.drop_index(batch_op.f('ix_staff_sessions_created_at'))
    op.drop_table('staff_sessions')
