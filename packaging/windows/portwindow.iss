; Inno Setup 6.3+ script: the Windows installer of portwindow.
;
; It packs the PyInstaller bundle dist\portwindow (portwindow.exe, the window, and
; portwindow-cli.exe, the console command, sharing one _internal folder). On Windows:
;
;   py packaging\windows\build_installer.py
;
; runs PyInstaller and then  iscc /DMyAppVersion=<portwindow.__version__> portwindow.iss
; so the version comes from the package. The installer lands in dist\.
; Relative paths below are relative to this file's folder.

#ifndef MyAppVersion
  #error Pass the version: iscc /DMyAppVersion=X.Y.Z (build_installer.py does it)
#endif
#define MyAppName "portwindow"
#define MyAppExeName "portwindow.exe"
#define MyAppCliExeName "portwindow-cli.exe"

[Setup]
; A fixed GUID: the same for every version, so that upgrades replace the old install.
AppId={{13EC8EBF-5FFB-4F37-9F28-5410D5B60B5F}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher=The portwindow developers
VersionInfoVersion={#MyAppVersion}
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename={#MyAppName}-{#MyAppVersion}-windows-x64-setup
SetupIconFile=portwindow.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName} {#MyAppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\portwindow\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent
