; Inno Setup script for the Windows installer. Build on Windows, from the repository root:
;   pyinstaller build.spec
;   iscc installer\screener.iss
; The version is the package's own: build.spec writes screener.__version__ into screener.exe's
; version resource (ProductVersion) and this script reads it from there. Override with
; iscc /DAppVersion=X.Y.Z installer\screener.iss.
; Installs per user (no admin rights needed on locked-down workstations); user data lives in
; %LOCALAPPDATA%\Screener (platformdirs), never next to the program.
#define AppExe AddBackslash(SourcePath) + "..\dist\screener\screener.exe"
#ifndef AppVersion
  #if !FileExists(AppExe)
    #error dist\screener\screener.exe not found: run pyinstaller build.spec first
  #endif
  #define AppVersion GetFileProductVersionString(AppExe)
  #if TypeOf(AppVersion) != TYPE_STRING
    #error screener.exe has no ProductVersion (build.spec sets it from screener.__version__)
  #elif AppVersion == ""
    #error screener.exe has an empty ProductVersion
  #endif
#endif

[Setup]
AppId={{6C0F8E7A-2B7D-4F5B-9A51-3C1E9B0D7E42}
AppName=Screener
AppVersion={#AppVersion}
AppPublisher=Screener team
AppVerName=Screener {#AppVersion}
VersionInfoVersion={#AppVersion}
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
