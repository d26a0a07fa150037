; Inno Setup script: the Windows installer around the PyInstaller one-folder build.
;
; Per-user install: no administrator rights, the program goes to
; %LOCALAPPDATA%\Programs\HITL Labeler, a Start-menu entry is made, and the uninstaller
; removes only the program's own files: projects (wherever the user keeps them) and the
; user's data (%LOCALAPPDATA%\hitl-labeler: settings, device key, sample, logs) stay.
;
; Built by .github/workflows/build.yml after `pyinstaller build.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\hitl-labeler.iss
; Output: dist\hitl-labeler-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "HITL Labeler"
#define AppExe "hitl-labeler.exe"
#define Root "..\.."

[Setup]
AppId={{82A5294D-1E99-4A07-81F7-5FC8A099947A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HITL Labeler project
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=hitl-labeler-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\icons\hitl-labeler.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an update replaces the program's files whole: no stale DLL of an older version lingers
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\hitl-labeler\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes what setup installed and
; nothing else, so the user's projects and %LOCALAPPDATA%\hitl-labeler survive it.
