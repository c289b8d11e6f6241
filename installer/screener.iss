; Inno Setup script for the Windows installer (build on Windows after `pyinstaller build.spec`):
;   iscc /DAppVersion=0.1.0 installer\screener.iss
; Installs per user (no admin rights needed on locked-down workstations); user data lives in
; %LOCALAPPDATA%\Screener (platformdirs), never next to the program.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C0F8E7A-2B7D-4F5B-9A51-3C1E9B0D7E42}
AppName=Screener
AppVersion={#AppVersion}
AppPublisher=Screener team
DefaultDirName={autopf}\Screener
DefaultGroupName=Screener
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=Screener-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=..\resources\icons\screener.ico
UninstallDisplayIcon={app}\screener.exe
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\dist\screener\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Screener"; Filename: "{app}\screener.exe"; Parameters: "gui"
Name: "{autodesktop}\Screener"; Filename: "{app}\screener.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\screener.exe"; Parameters: "gui"; Description: "Start Screener"; Flags: nowait postinstall skipifsilent
