"""AG_LOG=convert,loops,compile,cache,retrace: each knob prints ag's decisions of its kind
to stderr (frontend/ag/_log.py); nothing when it is not named."""

import numpy as np

import ag


def _twice(x):
    return x * 2


def _loop(x):
    for i in range(12):  # a Python range longer than the unroll limit: staged
        x = x + i
    return x


def test_cache_and_retrace(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AG_LOG", "cache,retrace")
    staged = ag.stage(_twice)
    staged(np.ones(3))
    staged(np.ones(4))
    err = capsys.readouterr().err
    assert "ag[cache]: miss " in err and "ag[cache]: stored " in err, err
    assert "ag[retrace]: '_twice' traced again (trace 2) because argument 'x' changed " \
           "from float64[3] to float64[4]" in err, err
    ag.stage(_twice)(np.ones(3))  # a new staged function: the object code is on disk
    assert "ag[cache]: hit " in capsys.readouterr().err
    # A corrupted entry is said to be ignored, and rebuilt.
    for entry in tmp_path.iterdir():
        entry.write_bytes(b"not an entry")
    ag.stage(_twice)(np.ones(3))
    assert "ag[cache]: ignored " in capsys.readouterr().err


def test_loops_and_silence(monkeypatch, capsys):
    monkeypatch.setenv("AG_CACHE_DIR", "off")
    monkeypatch.setenv("AG_LOG", "loops")
    ag.stage(_loop)(np.ones(2))
    err = capsys.readouterr().err
    assert "ag[loops]: " in err and "range of 12 steps staged as a loop" in err, err
    assert "ag[cache]" not in err and "ag[retrace]" not in err
    monkeypatch.setenv("AG_LOG", "")
    ag.stage(_loop)(np.ones(3))
    assert "ag[" not in capsys.readouterr().err
