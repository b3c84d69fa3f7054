"""The release machinery we cannot run here: workflows, installer scripts, signing.

GitHub Actions, Inno Setup, codesign and notarytool are not on this machine, so
these tests check what can be checked without them: the workflows parse and have
the expected shape, every script they name exists, the installer takes its files
from where the spec puts them, the Windows installer never needs an administrator
nor takes over .md files, macOS signing never uses --deep, and the shell scripts
are valid bash (and shellcheck-clean where shellcheck is installed).
"""

from __future__ import annotations

import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
PACKAGING = PROJECT_ROOT / "packaging"
INNO = PACKAGING / "windows" / "postedit.iss"
POWERSHELL = PACKAGING / "windows" / "build_installer.ps1"
MACOS = PACKAGING / "macos"
SHELL_SCRIPTS = [MACOS / "sign.sh", MACOS / "build_dmg.sh"]
SIGNING_SECRETS = {
    "MACOS_CERTIFICATE",
    "MACOS_CERTIFICATE_PASSWORD",
    "MACOS_SIGNING_IDENTITY",
    "APPLE_ID",
    "APPLE_TEAM_ID",
    "APPLE_APP_PASSWORD",
}


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the bare key `on` as the boolean True.
    data["on"] = data.pop(True)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def runs(data: dict[str, Any]) -> str:
    return "\n".join(
        step["run"] for job in data["jobs"].values() for step in steps(job) if "run" in step
    )


def uses(data: dict[str, Any]) -> list[str]:
    return [step["uses"] for job in data["jobs"].values() for step in steps(job) if "uses" in step]


def without_comments(text: str, marker: str = "#") -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(marker))


@pytest.mark.parametrize("name", ["release.yml", "ci.yml"])
def test_every_step_either_runs_or_uses_an_action_at_a_major_version(name: str) -> None:
    data = workflow(name)
    assert data["jobs"]
    for job_name, job in data["jobs"].items():
        assert "runs-on" in job, job_name
        for step in steps(job):
            assert ("run" in step) != ("uses" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("name", ["release.yml", "ci.yml"])
def test_python_311_is_set_up(name: str) -> None:
    data = workflow(name)
    for job in data["jobs"].values():
        for step in steps(job):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert str(step["with"]["python-version"]) == "3.11"


@pytest.mark.parametrize("name", ["release.yml", "ci.yml"])
def test_every_packaging_path_a_step_names_exists(name: str) -> None:
    named = set(re.findall(r"packaging/[\w./-]*\w", runs(workflow(name))))
    for path in named:
        assert (PROJECT_ROOT / path).exists(), f"{name} names {path}, which is missing"


def test_release_runs_on_tags_and_by_hand_on_windows_and_apple_silicon() -> None:
    data = workflow("release.yml")
    assert data["on"]["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in data["on"]
    build = data["jobs"]["build"]
    matrix = {entry["os"]: entry for entry in build["strategy"]["matrix"]["include"]}
    assert set(matrix) == {"windows-latest", "macos-latest"}
    # The frozen executables are where packaging/postedit.spec puts them.
    assert matrix["windows-latest"]["frozen"] == "dist/postedit/postedit.exe"
    assert matrix["macos-latest"]["frozen"] == "dist/postedit.app/Contents/MacOS/postedit"


def test_release_freezes_smoke_tests_packages_and_uploads_in_that_order() -> None:
    data = workflow("release.yml")
    build = data["jobs"]["build"]
    commands = [step.get("run", step.get("uses", "")) for step in steps(build)]

    def index(fragment: str) -> int:
        found = [i for i, command in enumerate(commands) if fragment in command]
        assert found, f"no step runs {fragment!r}"
        return found[0]

    install = index("-r packaging/requirements-build.txt")
    assert "pip install -e ." in commands[install]
    icons = index("packaging/make_icons.py build/icons")
    freeze = index("packaging/postedit.spec")
    smoke = index("--smoke-test")
    installer = index("build_installer.ps1")
    dmg = index("build_dmg.sh")
    upload = index("actions/upload-artifact@v4")
    assert install < icons < freeze < smoke < installer < upload
    assert smoke < dmg < upload
    assert build["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_release_passes_the_signing_secrets_only_as_environment() -> None:
    data = workflow("release.yml")
    given: set[str] = set()
    for step in steps(data["jobs"]["build"]):
        for variable, value in step.get("env", {}).items():
            assert value == f"${{{{ secrets.{variable} }}}}"
            given.add(variable)
    assert SIGNING_SECRETS | {"WINDOWS_CERTIFICATE", "WINDOWS_CERTIFICATE_PASSWORD"} == given


def test_a_tag_attaches_the_artifacts_to_its_release() -> None:
    release = workflow("release.yml")["jobs"]["release"]
    assert release["needs"] == "build"
    assert "refs/tags/v" in release["if"]
    assert release["permissions"]["contents"] == "write"
    assert "gh release upload" in "\n".join(step.get("run", "") for step in steps(release))


def test_ci_runs_make_test_on_three_systems() -> None:
    data = workflow("ci.yml")
    assert {"push", "pull_request"} <= set(data["on"])
    job = data["jobs"]["test"]
    assert set(job["strategy"]["matrix"]["os"]) == {
        "ubuntu-latest",
        "windows-latest",
        "macos-latest",
    }
    assert job["defaults"]["run"]["shell"] == "bash"
    assert re.search(r"^make test\b", runs(data), re.MULTILINE)


# --- Windows installer ------------------------------------------------------------


def inno_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def inno_entry(line: str) -> dict[str, str]:
    """`Name: "x"; Flags: y` as a dict (values unquoted)."""
    fields = {}
    for part in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
        fields[part[0]] = part[1].strip().strip('"')
    return fields


def test_the_installer_packs_what_the_spec_builds_with_the_rendered_icon() -> None:
    sections = inno_sections(INNO.read_text(encoding="utf-8"))
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    sources = [inno_entry(line)["Source"] for line in sections["Files"]]
    assert sources == [r"{#RepoRoot}\dist\postedit\*"]
    assert setup["SetupIconFile"] == r"{#RepoRoot}\build\icons\postedit.ico"
    assert setup["AppVersion"] == "{#AppVersion}"
    # The same places in the spec and in make_icons' output names.
    spec = (PACKAGING / "postedit.spec").read_text(encoding="utf-8")
    assert re.search(r'COLLECT\([^)]*name="postedit"', spec)
    assert "postedit.ico" in spec and '"build" / "icons"' in spec
    assert "postedit.ico" in (PACKAGING / "make_icons.py").read_text(encoding="utf-8")


def test_the_installer_needs_no_administrator_but_allows_one() -> None:
    setup = dict(
        line.split("=", 1) for line in inno_sections(INNO.read_text(encoding="utf-8"))["Setup"]
    )
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["DefaultDirName"].startswith("{autopf}")


def test_the_installer_offers_open_with_and_never_takes_over_markdown_files() -> None:
    sections = inno_sections(INNO.read_text(encoding="utf-8"))
    entries = [inno_entry(line) for line in sections["Registry"]]
    assert all(entry["Root"] == "HKA" for entry in entries), "per-user or per-machine, as chosen"
    for entry in entries:
        key = entry["Subkey"].rstrip("\\")
        # Writing an extension key's own (default) value would make postedit the default.
        assert not re.fullmatch(r"Software\\Classes\\\.(md|markdown)", key), entry
        assert "UserChoice" not in key
    open_with = {
        entry["Subkey"]: entry["ValueName"]
        for entry in entries
        if entry["Subkey"].endswith("OpenWithProgids")
    }
    assert set(open_with) == {
        r"Software\Classes\.md\OpenWithProgids",
        r"Software\Classes\.markdown\OpenWithProgids",
    }
    assert all(name == "{#AppProgId}" for name in open_with.values())
    assert any(
        entry["Subkey"] == r"Software\Classes\{#AppProgId}\shell\open\command" for entry in entries
    )
    assert all(
        "uninsdelete" in entry.get("Flags", "")
        for entry in entries
        if "OpenWithProgids" in entry["Subkey"]
    )


def test_the_installer_has_a_start_menu_entry_and_an_optional_desktop_icon() -> None:
    sections = inno_sections(INNO.read_text(encoding="utf-8"))
    icons = [inno_entry(line) for line in sections["Icons"]]
    assert any(icon["Name"].startswith("{autoprograms}") for icon in icons)
    desktop = [icon for icon in icons if icon["Name"].startswith("{autodesktop}")]
    assert desktop and desktop[0]["Tasks"] == "desktopicon"
    tasks = [inno_entry(line) for line in sections["Tasks"]]
    assert any(task["Name"] == "desktopicon" and "unchecked" in task["Flags"] for task in tasks)


def test_the_windows_build_script_signs_only_with_the_secret() -> None:
    script = without_comments(POWERSHELL.read_text(encoding="utf-8"))
    assert "postedit.iss" in script
    assert "/DAppVersion=" in script
    assert "packaging\\version.py" in script
    assert "$env:WINDOWS_CERTIFICATE" in script and "$env:WINDOWS_CERTIFICATE_PASSWORD" in script
    # The app is signed before iscc packs it, the setup program after.
    sign_app = script.index("Invoke-Sign $AppExe")
    iscc = script.index("& $Iscc")
    sign_setup = script.index("Invoke-Sign $Setup")
    assert sign_app < iscc < sign_setup


def test_the_build_requirements_pin_everything_qt_included() -> None:
    import tomllib

    from packaging.requirements import Requirement

    lines = (PACKAGING / "requirements-build.txt").read_text(encoding="utf-8").splitlines()
    specifiers = [line.split("#")[0].strip() for line in lines]
    requirements = [Requirement(specifier) for specifier in specifiers if specifier]
    assert requirements
    for requirement in requirements:
        assert str(requirement.specifier).startswith("=="), requirement
    pins = {requirement.name.lower(): requirement for requirement in requirements}
    # The bundle's Qt is the one pyproject allows: the pin must lie in its range.
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = next(
        Requirement(line)
        for line in project["project"]["dependencies"]
        if Requirement(line).name == "PySide6"
    )
    pinned = next(iter(pins["pyside6"].specifier)).version
    assert wanted.specifier.contains(pinned), (pinned, str(wanted.specifier))


@pytest.mark.skipif(
    sys.platform == "win32" or shutil.which("make") is None, reason="needs make and a POSIX sh"
)
def test_the_makefile_needs_only_posix_tools(tmp_path: Path) -> None:
    # `make run` and `make test` on a fresh Mac: no GNU coreutils (no sha1sum).
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("sh", "cat", "cksum", "cut", "uname"):
        found = shutil.which(name)
        if found is not None:
            (tools / name).symlink_to(found)
    make = shutil.which("make")
    assert make is not None
    # -B: every recipe, as on a machine where nothing is installed yet (in CI the
    # stamps exist by the time this test runs).
    result = subprocess.run(
        [make, "-n", "-B", "-C", str(PROJECT_ROOT), "test", "run"],
        capture_output=True,
        text=True,
        env={"PATH": str(tools), "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.search(r"\.installed-\d+\b", result.stdout)
    assert re.search(r"\.build-installed-\d+\b", result.stdout)


def test_the_version_script_prints_pyprojects_version() -> None:
    import tomllib

    expected = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "version.py")], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == expected["project"]["version"]
    windows = subprocess.run(
        [sys.executable, str(PACKAGING / "version.py"), "--windows"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", windows.stdout.strip())


# --- macOS ------------------------------------------------------------------------------


def test_signing_never_uses_deep() -> None:
    code = without_comments((MACOS / "sign.sh").read_text(encoding="utf-8"))
    assert "--deep" not in code
    assert "--options runtime" in code
    assert "codesign --force --sign -" in code  # ad hoc without the certificate
    assert "notarytool submit" in code and "--wait" in code
    assert "stapler staple" in code
    for secret in SIGNING_SECRETS:
        assert secret in code


def test_the_webengine_helper_is_signed_with_its_own_entitlements_before_the_app() -> None:
    code = without_comments((MACOS / "sign.sh").read_text(encoding="utf-8"))
    helper = code.index('"$here/entitlements-webengine.plist"')
    app = code.index('sign "$app" "$here/entitlements.plist"')
    assert helper < app
    helper_entitlements = plistlib.loads((MACOS / "entitlements-webengine.plist").read_bytes())
    app_entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    assert helper_entitlements["com.apple.security.cs.allow-jit"] is True
    assert all(value is True for value in app_entitlements.values())
    assert "com.apple.security.app-sandbox" not in app_entitlements


def test_the_dmg_holds_the_app_and_an_applications_link() -> None:
    namespace: dict[str, Any] = {"defines": {"app": "dist/postedit.app"}}
    exec((MACOS / "dmg_settings.py").read_text(encoding="utf-8"), namespace)
    assert namespace["format"] == "UDZO"
    assert namespace["files"] == ["dist/postedit.app"]
    assert namespace["symlinks"] == {"Applications": "/Applications"}
    assert set(namespace["icon_locations"]) == {"postedit.app", "Applications"}


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_shell_scripts_are_valid_bash(script: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    result = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_shell_scripts_are_shellcheck_clean(script: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    result = subprocess.run([shellcheck, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# sign.sh run for real on a stand-in app, with codesign and Apple's tools stubbed:
# the order and the entitlements of each signature are what matter.

STUB = """#!/usr/bin/env bash
printf '%s\\n' "$(basename "$0") $*" >> "$SIGN_LOG"
case "$(basename "$0") $1 $2" in
  "file -b "*) case "$2" in *.so|*.dylib|*/MacOS/*) echo "Mach-O 64-bit arm64";; *) echo data;; esac ;;
  "security list-keychains "*) echo '    "/Users/runner/Library/Keychains/login.keychain-db"' ;;
  "xcrun notarytool "*) echo '{"id": "1", "status": "Accepted"}' ;;
esac
"""


def stand_in_app(root: Path) -> Path:
    app = root / "postedit.app"
    contents = app / "Contents"
    framework = contents / "Frameworks" / "PySide6" / "Qt" / "lib" / "QtWebEngineCore.framework"
    helper = framework / "Versions" / "A" / "Helpers" / "QtWebEngineProcess.app"
    for path in [
        contents / "MacOS" / "postedit",
        contents / "Frameworks" / "libpython3.11.dylib",
        contents / "Frameworks" / "PySide6" / "QtCore.abi3.so",
        framework / "Versions" / "A" / "QtWebEngineCore",
        helper / "Contents" / "MacOS" / "QtWebEngineProcess",
        contents
        / "Frameworks"
        / "PySide6"
        / "Qt"
        / "lib"
        / "QtCore.framework"
        / "Versions"
        / "A"
        / "QtCore",
        contents / "Resources" / "resources" / "demo-site" / "hugo.toml",
    ]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    (contents / "Info.plist").write_bytes(plistlib.dumps({"CFBundleExecutable": "postedit"}))
    return app


def run_sign(tmp_path: Path, target: Path, secrets: dict[str, str]) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("codesign", "file", "security", "xcrun", "ditto", "uuidgen"):
        stub = bin_dir / tool
        stub.write_text(STUB)
        stub.chmod(0o755)
    log = tmp_path / "sign.log"
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "SIGN_LOG": str(log),
        "TMPDIR": str(tmp_path),
        "PYTHON": sys.executable,
        **secrets,
    }
    result = subprocess.run(
        ["bash", str(MACOS / "sign.sh"), str(target)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    return [line for line in log.read_text().splitlines() if line.startswith(("codesign", "xcrun"))]


def signed(calls: list[str]) -> list[str]:
    return [call.rsplit(" ", 1)[1] for call in calls if call.startswith("codesign --force")]


@pytest.mark.skipif(shutil.which("bash") is None or sys.platform == "win32", reason="needs bash")
def test_ad_hoc_signing_goes_inside_out(tmp_path: Path) -> None:
    app = stand_in_app(tmp_path)
    calls = run_sign(tmp_path, app, {})
    order = [Path(path).name for path in signed(calls)]
    assert sorted(order[:2]) == ["QtCore.abi3.so", "libpython3.11.dylib"]
    assert order[2] == "QtWebEngineProcess.app"
    assert sorted(order[3:5]) == ["QtCore.framework", "QtWebEngineCore.framework"]
    assert order[5:] == ["postedit.app"]
    assert all("--sign -" in call for call in calls if call.startswith("codesign --force"))
    assert not any("notarytool" in call for call in calls)


@pytest.mark.skipif(shutil.which("bash") is None or sys.platform == "win32", reason="needs bash")
def test_developer_id_signing_uses_the_runtime_entitlements_and_notarizes(tmp_path: Path) -> None:
    app = stand_in_app(tmp_path)
    secrets = {name: "x" for name in SIGNING_SECRETS}
    secrets["MACOS_CERTIFICATE"] = "eA=="  # base64 of "x"
    calls = run_sign(tmp_path, app, secrets)
    signing = [call for call in calls if call.startswith("codesign --force")]
    assert all("--options runtime" in call and "--timestamp" in call for call in signing)
    by_target = {Path(call.rsplit(" ", 1)[1]).name: call for call in signing}
    assert "entitlements-webengine.plist" in by_target["QtWebEngineProcess.app"]
    assert (
        by_target["postedit.app"]
        .split("--entitlements ")[1]
        .split()[0]
        .endswith("macos/entitlements.plist")
    )
    assert "--entitlements" not in by_target["QtCore.abi3.so"]
    assert any(call.startswith("xcrun notarytool submit") and "--wait" in call for call in calls)
    assert calls[-1] == f"xcrun stapler staple {app}"
