; Inno Setup script of the Windows setup program. Build the folder bundle first, on Windows:
;   py -3.11 -m venv .venv; .venv\Scripts\pip install . pyinstaller
;   .venv\Scripts\pyinstaller --noconfirm installer\dispatch-console.spec
; then compile this script with Inno Setup 6 (from the repository root):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\dispatch-console.iss
; which writes dist\dispatch-console-setup.exe: a per-user or all-users install with a Start-menu
; entry, an optional desktop icon, the Russian and English setup languages, and an uninstaller.
; The console's own data, settings and logs stay in the user's folders and survive an uninstall.

#define AppName "Dispatcher console"
#define AppVersion "0.1.0"
#define AppExe "dispatch-console.exe"

[Setup]
AppId={{6F1C2B1E-6C1D-4E55-9C1F-5D2B7A1E0C42}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Dispatcher console
DefaultDirName={autopf}\DispatcherConsole
DefaultGroupName={#AppName}
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=dispatch-console-setup
SetupIconFile=..\resources\icons\dispatch-console.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\dispatch-console\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
