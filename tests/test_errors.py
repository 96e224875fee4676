"""One exception family: every deliberate exception is a DangvienError with two messages."""

import pytest

from dangvien.errors import DangvienError, DataError, NotCoveredError, UnknownIdError, UsageError


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (DataError, ValueError),
        (UsageError, ValueError),
        (UnknownIdError, KeyError),
        (NotCoveredError, LookupError),
    ],
)
def test_each_error_is_a_dangvien_error_and_the_builtin_users_expect(cls, builtin):
    """``except ValueError`` and ``except DangvienError`` both catch a bad-data error."""
    exc = cls("tiếng Việt", "English")
    assert isinstance(exc, DangvienError)
    assert isinstance(exc, builtin)
    assert "tiếng Việt" == exc.message()
    assert "English" == exc.message("en")
    assert "tiếng Việt / English" == str(exc)
