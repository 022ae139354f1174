"""round days: planned_last_day (was closes_on) and closed_by_hand_on (was closed_on)

A round's planned last day, and the day staff closed it by hand, named for what they are.

Revision ID: a0cf5eeb986e
Revises: a7c3e9d10b21
Create Date: 2026-12-03 12:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a0cf5eeb986e'
down_revision = 'a7c3e9d10b21'
branch_labels = None
depends_on = None


def upgrade():
    # the check names the column, so it is made again with the new name
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_rounds_closes_after_opening'), type_='check')
        batch_op.alter_column('closes_on', new_column_name='planned_last_day')
        batch_op.alter_column('closed_on', new_column_name='closed_by_hand_on')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_rounds_last_day_after_opening'),
                                         'planned_last_day IS NULL OR planned_last_day >= opens_on')


def downgrade():
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_rounds_last_day_after_opening'), type_='check')
        batch_op.alter_column('planned_last_day', new_column_name='closes_on')
        batch_op.alter_column('closed_by_hand_on', new_column_name='closed_on')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_rounds_closes_after_opening'),
                                         'closes_on IS NULL OR closes_on >= opens_on')
