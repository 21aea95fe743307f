<#
.SYNOPSIS
  Builds the Windows bundle (PyInstaller, one folder) and its installer (Inno Setup 6).

.DESCRIPTION
  Run from any folder on a Windows 10/11 build machine with Python 3.11+ (64-bit):
    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 -Install
  Output: dist\assistant\ (assistant.exe without a console window for the Start menu,
  assistant-cli.exe for the sub-commands) and dist\installer\etiquette-assistant-<version>-setup.exe;
  -Install then installs it for this user and checks the installed program.
  Inno Setup 6 is installed with winget when it is missing.
  Not run on this project's CI, which is Linux only; the paths this script, the spec and
  the installer script share are checked there (tests/packaging).

.PARAMETER PortAudioDll
  A PortAudio DLL built from PortAudio's development branch, to get WASAPI loopback devices
  ("… [Loopback]") for the caller channel; see docs\loopback-capture.md. Default: the DLL of
  the sounddevice wheel (v19.7.0, no loopback).

.PARAMETER SkipInstaller
  Build and check the bundle only.

.PARAMETER Install
  After building the installer, run it silently for this user (no administrator rights)
  and check that the installed assistant-cli.exe starts.
#>
param(
    [string]$Python = "python",
    [string]$PortAudioDll = "",
    [switch]$SkipInstaller,
    [switch]$Install
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

& $Python -c "import sys, struct; sys.exit(0 if sys.version_info >= (3, 11) and struct.calcsize('P') == 8 else 1)"
if ($LASTEXITCODE -ne 0) { throw "Python 3.11 or newer, 64-bit, is needed: pass -Python path\to\python.exe" }

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
# the control channel's named pipe: with no app running, a softphone hook is told so (exit 2)
# (Start-Process: Windows PowerShell turns a native program's stderr into errors under "Stop")
$ring = Start-Process -FilePath $cli -ArgumentList "call", "ring" -Wait -PassThru -NoNewWindow `
    -RedirectStandardError "build\call-ring.txt"
if ($ring.ExitCode -ne 2 -or -not (Select-String -Quiet "not running" "build\call-ring.txt")) {
    throw "assistant-cli call ring: expected 'the assistant is not running' (exit 2), got $($ring.ExitCode)"
}
$size = (Get-ChildItem -Recurse dist\assistant | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("bundle: dist\assistant ({0:N0} MB) in {1:N0} s" -f $size, ((Get-Date) - $started).TotalSeconds)

if ($SkipInstaller) { return }
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source } else {
    $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
}
if (-not (Test-Path $iscc) -and (Get-Command winget.exe -ErrorAction SilentlyContinue)) {
    winget install --id JRSoftware.InnoSetup --exact --silent --accept-package-agreements --accept-source-agreements
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, "$env:LOCALAPPDATA\Programs")) {
        $candidate = Join-Path $dir "Inno Setup 6\ISCC.exe"
        if (Test-Path $candidate) { $iscc = $candidate; break }
    }
}
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it or pass -SkipInstaller" }
$version = (& $py -c "import assistant; print(assistant.__version__)").Trim()
& $iscc "/DAppVersion=$version" packaging\windows\etiquette-assistant.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
$setup = "dist\installer\etiquette-assistant-$version-setup.exe"
Write-Host "installer: $setup"

if (-not $Install) { return }
$log = Join-Path $Root "build\install.log"
$p = Start-Process -FilePath $setup -Wait -PassThru `
    -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER", "/LOG=`"$log`""
if ($p.ExitCode -ne 0) { throw "the installer failed (exit $($p.ExitCode)); see $log" }
$installed = Join-Path $env:LOCALAPPDATA "Programs\Etiquette Assistant\assistant-cli.exe"
& $installed --version
if ($LASTEXITCODE -ne 0) { throw "the installed assistant does not start: $installed" }
Write-Host "installed: $installed (Start menu: Etiquette Assistant)"
