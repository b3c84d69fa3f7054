# Build postedit's Windows installer from the frozen app in dist\postedit\.
#
#   pwsh packaging\windows\build_installer.ps1 [-Version 0.1.0]
#
# Run from anywhere after `make bundle` (or the release workflow's freeze step); it
# needs build\icons\postedit.ico (packaging\make_icons.py) and Inno Setup 6's iscc.
# The version defaults to pyproject.toml's (packaging\version.py).
#
# Signing: when the WINDOWS_CERTIFICATE (a base64 .pfx) and
# WINDOWS_CERTIFICATE_PASSWORD environment variables are set, postedit.exe is signed
# before it is packed and the setup program after it is built (signtool, SHA-256,
# RFC 3161 timestamp). Without them the installer is built unsigned and SmartScreen
# will warn the writer (README, "Install").

param(
    [string]$Version = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com"
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
if (-not $Version) {
    $Version = (& $Python (Join-Path $Root "packaging\version.py")).Trim()
}
$NumericVersion = (& $Python (Join-Path $Root "packaging\version.py") --windows).Trim()

$AppExe = Join-Path $Root "dist\postedit\postedit.exe"
$Icon = Join-Path $Root "build\icons\postedit.ico"
$Script = Join-Path $PSScriptRoot "postedit.iss"
$Setup = Join-Path $Root "dist\postedit-$Version-setup.exe"
foreach ($needed in @($AppExe, $Icon)) {
    if (-not (Test-Path $needed)) { throw "missing ${needed}: run 'make bundle' first" }
}

function Find-Tool([string]$Name, [string[]]$Candidates) {
    $onPath = Get-Command $Name -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($candidate in $Candidates) {
        $found = Get-ChildItem -Path $candidate -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1
        if ($found) { return $found.FullName }
    }
    throw "$Name not found"
}

$Iscc = Find-Tool "iscc.exe" @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
)

$Pfx = $null
try {
    $Sign = [bool]$env:WINDOWS_CERTIFICATE -and [bool]$env:WINDOWS_CERTIFICATE_PASSWORD
    if ($Sign) {
        $SignTool = Find-Tool "signtool.exe" @(
            "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe"
        )
        $Temp = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
        $Pfx = Join-Path $Temp "postedit-signing-$PID.pfx"
        [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
        function Invoke-Sign([string]$Path) {
            & $SignTool sign /fd sha256 /f $Pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD `
                /tr $TimestampUrl /td sha256 /d "postedit" $Path
            if ($LASTEXITCODE -ne 0) { throw "signtool failed on $Path" }
        }
        Write-Host "signing $AppExe"
        Invoke-Sign $AppExe
    } else {
        Write-Host "no WINDOWS_CERTIFICATE: building an unsigned installer"
    }

    & $Iscc "/DAppVersion=$Version" "/DAppVersionNumeric=$NumericVersion" $Script
    if ($LASTEXITCODE -ne 0) { throw "iscc failed" }

    if ($Sign) {
        Write-Host "signing $Setup"
        Invoke-Sign $Setup
    }
} finally {
    if ($Pfx -and (Test-Path $Pfx)) { Remove-Item -Force $Pfx }
}

Write-Host "built $Setup"
