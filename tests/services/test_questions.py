"""QuestionService on both databases: the log and whose question a clicked card belongs to."""

from __future__ import annotations

import pytest

from services.questions import QuestionRefused, QuestionService, QuestionView


async def test_a_question_is_only_its_askers_own(database):
    questions = QuestionService(database)
    asked = await questions.record(
        user_key="aad-anna",
        user_name="Anna",
        conversation_id="a:anna",
        language="nl",
        text="Hoe vraag ik verlof aan?",
        decision=None,
    )
    assert asked == QuestionView(id=asked.id, user_key="aad-anna", text="Hoe vraag ik verlof aan?")
    assert await questions.own(asked.id, "aad-anna") == asked
    for key, question_id, user_key in (
        ("reply.not_yours", asked.id, "aad-bram"),
        ("reply.question_gone", asked.id + 1, "aad-anna"),
    ):
        with pytest.raises(QuestionRefused) as refused:
            await questions.own(question_id, user_key)
        assert refused.value.key == key
