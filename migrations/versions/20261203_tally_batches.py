"""tally batches: a round's figures are released in batches of at least K responses

Responses get a batch number (none while they wait to be counted); both tally tables get the batch in
their primary key and, on SQLite, lose their rowid (which gave the order rows were written in).
Responses stored before this change form batch 1 of their round, as they were all counted already.

Revision ID: e2b8f4a61c03
Revises: 5486c2c0fd27
Create Date: 2026-12-03 06:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e2b8f4a61c03'
down_revision = '5486c2c0fd27'
branch_labels = None
depends_on = None

RESPONSE_COUNTS = ['responses', 'scale_responses', 'ceiling', 'straightlining']


def response_tallies(batched: bool) -> list:
    return [
        sa.Column('round_id', sa.Integer(), nullable=False),
        *([sa.Column('batch', sa.SmallInteger(), nullable=False)] if batched else []),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in RESPONSE_COUNTS),
        sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_response_tallies_round_id_rounds'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('round_id', *(['batch'] if batched else []), 'day', 'language', 'mode',
                                name=op.f('pk_response_tallies')),
    ]


def answer_tallies(batched: bool) -> list:
    return [
        sa.Column('round_id', sa.Integer(), nullable=False),
        *([sa.Column('batch', sa.SmallInteger(), nullable=False)] if batched else []),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=False),
        sa.Column('question_key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.String(length=64), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_answer_tallies_round_id_rounds'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('round_id', *(['batch'] if batched else []), 'language', 'mode', 'question_key',
                                'value', name=op.f('pk_answer_tallies')),
    ]


def rebuild(batched: bool) -> None:
    """Recreate both tally tables with or without the batch, keeping their counts (summed over batches)."""
    bind = op.get_bind()
    response_keys = ['round_id', 'day', 'language', 'mode']
    answer_keys = ['round_id', 'language', 'mode', 'question_key', 'value']
    sums = ', '.join(f'SUM({name})' for name in RESPONSE_COUNTS)
    # typed, so that SQLite's days come back as dates (its driver gives text) and can be written again
    responses = bind.execute(sa.text(
        f"SELECT {', '.join(response_keys)}, {sums} FROM response_tallies GROUP BY {', '.join(response_keys)}")
        .columns(day=sa.Date())).all()
    answers = bind.execute(sa.text(
        f"SELECT {', '.join(answer_keys)}, SUM(n) FROM answer_tallies GROUP BY {', '.join(answer_keys)}")).all()
    op.drop_table('response_tallies')
    op.drop_table('answer_tallies')
    extra = {'sqlite_with_rowid': False} if batched else {}
    new_responses = op.create_table('response_tallies', *response_tallies(batched), **extra)
    new_answers = op.create_table('answer_tallies', *answer_tallies(batched), **extra)
    batch = {'batch': 1} if batched else {}
    if responses:
        op.bulk_insert(new_responses, [{**dict(zip([*response_keys, *RESPONSE_COUNTS], row)), **batch}
                                       for row in responses])
    if answers:
        op.bulk_insert(new_answers, [{**dict(zip([*answer_keys, 'n'], row)), **batch} for row in answers])


def upgrade():
    op.add_column('responses', sa.Column('batch', sa.SmallInteger(), nullable=True))
    op.execute("UPDATE responses SET batch = 1")
    rebuild(batched=True)


def downgrade():
    rebuild(batched=False)
    op.drop_column('responses', 'batch')
