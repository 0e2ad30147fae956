"""No password, token or key is committed: scan every tracked file."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SECRET_PATTERNS = [
    re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),                                  # AWS access key id
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),                         # GitHub token
    re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),                      # Slack token
    re.compile(r"postgres(?:ql)?(?:\+\w+)?://[^:/\s'\"]+:(?!\$|\{|<|\*)[^@/\s'\"]{6,}@"),  # URL with a literal password
    re.compile(r"(?i)\b(?:password|passwd|secret|token|api_key)\s*[:=]\s*['\"](?!\$|\{|<|change|example|x+['\"])"
               r"[^'\"\s]{8,}['\"]"),
]


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    return [PROJECT_ROOT / name for name in out.decode().split("\0") if name]


def test_repository_holds_no_secret():
    files = tracked_files()
    assert len(files) > 20, "expected a real checkout"
    findings = []
    for path in files:
        if path == Path(__file__).resolve():
            continue  # this file plants leaks on purpose to prove the patterns work
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for pattern in SECRET_PATTERNS:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                findings.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {match.group(0)[:60]}")
    assert findings == []


def test_scanner_catches_a_planted_secret():
    """The patterns are not vacuous: each catches a realistic leak."""
    leaks = [
        "-----BEGIN RSA PRIVATE KEY-----",
        "WAREHOUSE_URL=postgresql://cchc:S3cr3tPassw0rd@db:5432/cchc",
        "password = 'hunter2hunter2'",
        "token: \"ghp_" + "a" * 36 + "\"",
    ]
    for leak in leaks:
        assert any(p.search(leak) for p in SECRET_PATTERNS), leak
    assert not any(p.search("postgresql://cchc:${WAREHOUSE_PASSWORD}@warehouse:5432/cchc") for p in SECRET_PATTERNS)


def test_generated_secrets_are_git_ignored():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".data/secrets/cchc_pseudonym_secret"], cwd=PROJECT_ROOT)
    assert ignored.returncode == 0
