; Inno Setup script for the Windows installer of kcroster (per-user, no administrator rights).
; Built by packaging/build.py:  iscc /DAppVersion=0.1.0 /DSourceDir=dist\kcroster /DOutputDir=dist kcroster.iss
; Registers the .kcroster project files so a double-click opens them in kcroster.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\kcroster"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{6F1C2B9E-4A57-4C1E-9B3D-2E8A5C7D0F41}
AppName=kcroster
AppVersion={#AppVersion}
AppVerName=kcroster {#AppVersion}
AppPublisher=kcroster
DefaultDirName={autopf}\kcroster
DefaultGroupName=kcroster
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=kcroster-{#AppVersion}-setup
SetupIconFile=..\resources\icons\kcroster.ico
UninstallDisplayIcon={app}\kcroster.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
VersionInfoVersion={#AppVersion}

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\kcroster"; Filename: "{app}\kcroster.exe"
Name: "{autodesktop}\kcroster"; Filename: "{app}\kcroster.exe"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users install.
Root: HKA; Subkey: "Software\Classes\.kcroster\OpenWithProgids"; ValueType: string; ValueName: "kcroster.project"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\kcroster.project"; ValueType: string; ValueName: ""; ValueData: "kcroster-project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\kcroster.project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\kcroster.exe,0"
Root: HKA; Subkey: "Software\Classes\kcroster.project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\kcroster.exe"" --project ""%1"""

[Run]
Filename: "{app}\kcroster.exe"; Description: "{cm:LaunchProgram,kcroster}"; Flags: nowait postinstall skipifsilent
