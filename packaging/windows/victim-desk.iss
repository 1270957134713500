; Inno Setup 6 recipe: the Windows installer for victim_desk, shown everywhere as "Memo Pad".
;
; Build on Windows (64-bit), from the repository root:
;   py -3.11 packaging\build.py                      -> dist\victim-desk\ (tested by its smoke test)
;   python packaging\windows\make_installer.py       -> dist\MemoPad-Setup-<version>.exe
; make_installer.py passes the names and version from victim_desk\identity.py and victim_desk\__init__.py
; (/DDisplayName=... /DGuiExe=... /DAppVersion=...), so they are defined in one place; the defaults
; below are the same values, checked by tests/unit/test_packaging_recipes.py.
;
; What it produces, line by line, is reviewed in packaging/README.md ("Windows").

#ifndef DisplayName
  #define DisplayName "Memo Pad"
#endif
#ifndef GuiExe
  #define GuiExe "MemoPad"
#endif
#ifndef CliExe
  #define CliExe "victim-desk"
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The folder platformdirs gives the app for its vault and logs (victim_desk/app/vault_admin.py, logs.py).
#define DataFolder "victim-desk"

[Setup]
; Fixed for every version, so an update replaces the installed app instead of adding a second one.
AppId={{623FC580-EBCB-4112-A056-20E7FC2470ED}
AppName={#DisplayName}
AppVersion={#AppVersion}
; "Memo Pad" in Settings > Apps, without a version number or a publisher that names the purpose.
AppVerName={#DisplayName}
UninstallDisplayName={#DisplayName}
UninstallDisplayIcon={app}\{#GuiExe}.exe
; Per-user install: no administrator password (a victim's own laptop, a counselor's managed PC), and the
; app lands in %LOCALAPPDATA%\Programs\Memo Pad, next to the vault's user.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#DisplayName}
DisableProgramGroupPage=yes
DisableWelcomePage=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#GuiExe}-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; A running copy holds the vault open: ask it to close before files are replaced or removed.
CloseApplications=yes
RestartApplications=no
; Authenticode: make_installer.py defines SignToolName when VICTIM_DESK_SIGNTOOL is set, so the installer
; and the uninstaller are signed (without it SmartScreen warns "Windows protected your PC").
#ifdef SignToolName
SignTool={#SignToolName}
SignedUninstaller=yes
#endif
#if FileExists(AddBackslash(SourcePath) + "victim-desk.ico")
SetupIconFile=victim-desk.ico
#endif

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.DeleteData=이 컴퓨터에 있는 보관함(모든 기록)과 기록 파일도 지울까요?%n%n지우면 되돌릴 수 없습니다. 백업이 없거나 잘 모르겠으면 [아니요]를 누르세요. 보관함은 그대로 남고, 다시 설치하면 그대로 열 수 있습니다.
english.DeleteData=Also delete the vault (all your records) and the log on this computer?%n%nThis cannot be undone. If you have no backup, or are not sure, choose No: the vault stays and opens again after a new install.
korean.DataKept=보관함은 지우지 않았습니다: %1
english.DataKept=The vault was kept: %1

[Tasks]
; Off by default: an icon on the desktop is seen by anyone who uses the computer.
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle as build.py made and smoke-tested it.
Source: "..\..\dist\victim-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; One Start-menu entry, directly in the programs list (no folder), under the neutral name. It starts the
; windowed program, so no console window appears.
Name: "{autoprograms}\{#DisplayName}"; Filename: "{app}\{#GuiExe}.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#DisplayName}"; Filename: "{app}\{#GuiExe}.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}.exe"; Description: "{cm:LaunchProgram,{#DisplayName}}"; WorkingDir: "{userdocs}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python's bytecode caches the app may have written beside itself; never the vault (see [Code]).
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
{ The vault is the user's data: the uninstaller keeps it unless the person says Yes to deleting it (the
  default button is No), or a silent uninstall is run with /DELETEVAULT. }

function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

function DeleteVaultRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEVAULT') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Delete: Boolean;
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) then
  begin
    if UninstallSilent() then
      Delete := DeleteVaultRequested()
    else
      Delete := MsgBox(CustomMessage('DeleteData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if Delete then
      DelTree(DataDir(), True, True, True)
    else if not UninstallSilent() then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir() + '\vault']), mbInformation, MB_OK);
  end;
end;
