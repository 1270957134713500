<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>이 컴퓨터에서</translation>
    </message>
    <message>
        <source>Same as this computer ({language})</source>
        <translation>이 컴퓨터와 같게 ({language})</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Name shown for the window</source>
        <translation>창에 보이는 이름</translation>
    </message>
    <message>
        <source>Plain notepad</source>
        <translation>평범한 메모장</translation>
    </message>
    <message>
        <source>Notebook with a clasp</source>
        <translation>잠금 고리가 있는 공책</translation>
    </message>
    <message>
        <source>Icon</source>
        <translation>아이콘</translation>
    </message>
    <message>
        <source>The window, the task bar and the launcher show only this name and icon, so someone glancing at the screen does not learn what this app is for.</source>
        <translation>창과 작업 표시줄, 실행 메뉴에는 이 이름과 아이콘만 보이므로, 화면을 흘끗 본 사람은 이 앱이 무엇을 위한 것인지 알 수 없습니다.</translation>
    </message>
    <message>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>Lock after this long without use</source>
        <translation>사용하지 않을 때 잠글 때까지의 시간</translation>
    </message>
    <message>
        <source>Remember the vault&apos;s key on this computer</source>
        <translation>이 컴퓨터에 보관함 열쇠 기억하기</translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s protected key store, so the vault opens with one click instead of the passphrase. Anyone who can use your account on this computer could then open it.</source>
        <translation>열쇠는 이 컴퓨터의 보호된 열쇠 저장소에 보관되어, 암호 대신 한 번의 클릭으로 보관함이 열립니다. 다만 이 컴퓨터에서 내 계정을 쓸 수 있는 사람은 누구나 열 수 있게 됩니다.</translation>
    </message>
    <message>
        <source>Open the vault to change this.</source>
        <translation>이것을 바꾸려면 먼저 보관함을 열어 주세요.</translation>
    </message>
    <message>
        <source>This vault</source>
        <translation>이 보관함</translation>
    </message>
    <message>
        <source>Open the vault to change how it works and whether it may go online.</source>
        <translation>보관함의 사용 방식과 인터넷 연결 여부를 바꾸려면 먼저 보관함을 열어 주세요.</translation>
    </message>
    <message>
        <source>For myself: one case, with the next step suggested</source>
        <translation>나를 위해: 사건 하나와 다음에 할 일 안내</translation>
    </message>
    <message>
        <source>As a counselor: a list of cases, filters, deadline board</source>
        <translation>상담자로서: 사건 목록, 거르기, 기한 한눈에 보기</translation>
    </message>
    <message>
        <source>Ask me each time</source>
        <translation>매번 묻기</translation>
    </message>
    <message>
        <source>Never go online</source>
        <translation>인터넷에 연결하지 않기</translation>
    </message>
    <message>
        <source>Allowed without asking</source>
        <translation>묻지 않고 허용</translation>
    </message>
    <message>
        <source>Checking addresses online</source>
        <translation>온라인으로 주소 확인하기</translation>
    </message>
    <message>
        <source>Proxy (optional)</source>
        <translation>프록시 (선택)</translation>
    </message>
    <message>
        <source>A check visits each address, and the site can see where the visit comes from. A proxy such as Tor (socks5h://) hides that. Leave it empty to connect directly.</source>
        <translation>확인할 때마다 각 주소에 접속하므로, 사이트는 그 접속이 어디에서 왔는지 알 수 있습니다. Tor 같은 프록시(socks5h://)를 쓰면 이를 숨길 수 있습니다. 비워 두면 바로 연결합니다.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>설정을 저장했습니다.</translation>
    </message>
</context>
</TS>
