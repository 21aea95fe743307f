<#
.SYNOPSIS
  Builds the Windows bundle (PyInstaller, one folder) and its installer (Inno Setup 6).

.DESCRIPTION
  Run from any folder on a Windows build machine with Python 3.10+ (64-bit) and Inno Setup 6:
    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
  Output: dist\assistant\ (assistant.exe without a console window for the Start menu,
  assistant-cli.exe for the sub-commands) and dist\installer\etiquette-assistant-<version>-setup.exe.
  Not run on this project's CI, which is Linux only.

.PARAMETER PortAudioDll
  A PortAudio DLL built from PortAudio's development branch, to get WASAPI loopback devices
  ("… [Loopback]") for the caller channel; see docs\loopback-capture.md. Default: the DLL of
  the sounddevice wheel (v19.7.0, no loopback).

.PARAMETER SkipInstaller
  Build and check the bundle only.
#>
param(
    [string]$Python = "python",
    [string]$PortAudioDll = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

$venv = Join-Path $Root "build\venv-windows"
if (-not (Test-Path "$venv\Scripts\python.exe")) { & $Python -m venv $venv }
$py = "$venv\Scripts\python.exe"
& $py -m pip install --quiet --disable-pip-version-check -e ".[bundle]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$started = Get-Date
& $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --workpath build\pyinstaller --distpath dist packaging\assistant.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

if ($PortAudioDll) {
    $target = "dist\assistant\_internal\_sounddevice_data\portaudio-binaries\libportaudio64bit.dll"
    Copy-Item -Force $PortAudioDll $target
    Write-Host "PortAudio with WASAPI loopback: $PortAudioDll -> $target"
}

# the bundle must start on its own: version, the demo as a timeline, an offscreen screenshot
$cli = "dist\assistant\assistant-cli.exe"
& $cli --version
if ($LASTEXITCODE -ne 0) { throw "the bundle does not start" }
& $cli demo | Out-Null
if ($LASTEXITCODE -ne 0) { throw "assistant-cli demo failed" }
$env:QT_QPA_PLATFORM = "offscreen"
& $cli demo --screenshot build\bundle-check.png --at 30
Remove-Item Env:\QT_QPA_PLATFORM
if ($LASTEXITCODE -ne 0 -or -not (Test-Path build\bundle-check.png)) { throw "screenshot failed" }
& $cli devices
$size = (Get-ChildItem -Recurse dist\assistant | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("bundle: dist\assistant ({0:N0} MB) in {1:N0} s" -f $size, ((Get-Date) - $started).TotalSeconds)

if ($SkipInstaller) { return }
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source } else {
    $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
}
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it or pass -SkipInstaller" }
$version = (& $py -c "import assistant; print(assistant.__version__)").Trim()
& $iscc "/DAppVersion=$version" packaging\windows\etiquette-assistant.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "installer: dist\installer\etiquette-assistant-$version-setup.exe"
