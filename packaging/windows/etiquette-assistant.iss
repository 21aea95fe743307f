; Inno Setup 6 script: a per-user installer for the one-folder bundle (dist\assistant).
; Built by build.ps1 (`iscc /DAppVersion=x.y.z etiquette-assistant.iss`); not run on the Linux
; CI. Installs into %LOCALAPPDATA%\Programs without administrator rights; IT can deploy it for
; all users with `/ALLUSERS` (and /VERYSILENT for a silent roll-out).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Etiquette Assistant"
#define AppExe "assistant.exe"
#define Root "..\.."

[Setup]
AppId={{5B0E2D4C-7A61-4B8E-9C3F-2E7D8A1F6B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Etiquette Assistant
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=etiquette-assistant-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\assistant.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; close a running assistant before files are replaced (Restart Manager)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.CliNote=Command-line tool (softphone hooks, analysing recordings)
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
zh_CN.CliNote=命令行工具（软电话挂钩、分析录音）
#endif

[Tasks]
Name: "autostart"; Description: "{cm:AutoStartProgram,{#AppName}}"; GroupDescription: "{cm:AutoStartProgramGroupDescription}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\assistant\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundle whole: no stale libraries from an older version
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{autostartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Settings, sessions and speech models live in the user's data folders and stay on uninstall.
