from commonground.core.errors import Conflict, ErrorCode, NotFound, not_found


def test_error_shape_and_status() -> None:
    error = Conflict("Already there.", fields={"email": ["Taken."]})
    assert error.status == 409
    assert error.as_json() == {"error": {"code": "conflict", "message": "Already there.",
                                         "fields": {"email": ["Taken."]}}}


def test_not_found_does_not_say_whether_the_thing_exists() -> None:
    error = not_found("report")
    assert isinstance(error, NotFound) and error.code is ErrorCode.NOT_FOUND
    assert "or you do not have access" in error.message
