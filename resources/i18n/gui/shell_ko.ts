<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AddSightingDialog</name>
    <message>
        <source>Add a sighting</source>
        <translation>발견 기록 추가</translation>
    </message>
    <message>
        <source>Write down where you saw it. Only the address is needed; the rest can wait.</source>
        <translation>어디에서 보았는지 적어 주세요. 주소만 있으면 됩니다. 나머지는 나중에 적어도 괜찮습니다.</translation>
    </message>
    <message>
        <source>I am not sure when</source>
        <translation>언제인지 잘 모르겠어요</translation>
    </message>
    <message>
        <source>Optional: anything that will help later (room name, who posted)</source>
        <translation>선택 사항: 나중에 도움이 될 내용 (방 이름, 올린 사람 등)</translation>
    </message>
    <message>
        <source>Address (URL)</source>
        <translation>주소(URL)</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>Search cases</source>
        <translation>사건 찾기</translation>
    </message>
    <message>
        <source>Show cases</source>
        <translation>보여 줄 사건</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>모든 사건</translation>
    </message>
    <message>
        <source>Nothing logged yet</source>
        <translation>아직 기록 없음</translation>
    </message>
    <message>
        <source>Still online</source>
        <translation>아직 온라인에 있음</translation>
    </message>
    <message>
        <source>All removed</source>
        <translation>모두 삭제됨</translation>
    </message>
    <message>
        <source>Only with open requests</source>
        <translation>답을 기다리는 요청이 있는 사건만</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>Choose a list of addresses</source>
        <translation>주소 목록 파일 고르기</translation>
    </message>
    <message>
        <source>Lists of addresses (*.txt *.csv)</source>
        <translation>주소 목록 (*.txt *.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Adding the addresses from the file…</source>
        <translation>파일의 주소를 추가하는 중입니다…</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>가져오기를 마쳤습니다</translation>
    </message>
    <message>
        <source>Addresses added: {added}. Lines that could not be used: {problems}.</source>
        <translation>추가한 주소: {added}개. 사용하지 못한 줄: {problems}개.</translation>
    </message>
    <message>
        <source>Already recorded, so not saved again: {count}.</source>
        <translation>이미 기록되어 있어 다시 저장하지 않은 주소: {count}개.</translation>
    </message>
    <message>
        <source>These lines were skipped. You can fix them and import just those lines again.</source>
        <translation>아래 줄은 건너뛰었습니다. 고친 뒤 그 줄만 다시 가져오면 됩니다.</translation>
    </message>
    <message>
        <source>Line {line}: {problem}</source>
        <translation>{line}번째 줄: {problem}</translation>
    </message>
    <message>
        <source>… and {more} more.</source>
        <translation>… 그 밖에 {more}개가 더 있습니다.</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Found</source>
        <translation>발견됨</translation>
    </message>
    <message>
        <source>Removal requested</source>
        <translation>삭제 요청함</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Reappeared</source>
        <translation>다시 올라옴</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>텔레그램</translation>
    </message>
    <message>
        <source>X (Twitter)</source>
        <translation>X(트위터)</translation>
    </message>
    <message>
        <source>Meta (Facebook, Instagram)</source>
        <translation>메타(페이스북, 인스타그램)</translation>
    </message>
    <message>
        <source>Google / YouTube</source>
        <translation>구글 / 유튜브</translation>
    </message>
    <message>
        <source>Naver</source>
        <translation>네이버</translation>
    </message>
    <message>
        <source>Kakao / Tistory</source>
        <translation>카카오 / 티스토리</translation>
    </message>
    <message>
        <source>Daum</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>디스코드</translation>
    </message>
    <message>
        <source>Reddit</source>
        <translation>레딧</translation>
    </message>
    <message>
        <source>KCSC</source>
        <translation>방송통신심의위원회</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Other website</source>
        <translation>기타 웹사이트</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss message</source>
        <translation>메시지 닫기</translation>
    </message>
</context>
<context>
    <name>ModeChoice</name>
    <message>
        <source>How will you use this?</source>
        <translation>어떻게 사용하실 건가요?</translation>
    </message>
    <message>
        <source>You can change this at any time in the settings.</source>
        <translation>설정에서 언제든 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>For myself</source>
        <translation>나를 위해</translation>
    </message>
    <message>
        <source>One case in front of you, with the next step suggested in plain words.</source>
        <translation>사건 하나를 앞에 두고, 다음에 할 일을 쉬운 말로 알려 드립니다.</translation>
    </message>
    <message>
        <source>As a counselor, for several people</source>
        <translation>상담자로서, 여러 사람을 위해</translation>
    </message>
    <message>
        <source>A list of cases with search and filters, and every deadline on one board.</source>
        <translation>찾기와 거르기가 되는 사건 목록, 그리고 모든 기한을 한눈에 보는 화면입니다.</translation>
    </message>
</context>
<context>
    <name>NextStepCard</name>
    <message>
        <source>Next: {step}</source>
        <translation>다음 할 일: {step}</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>드라이브</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 파일</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
    <message>
        <source>Show hidden files</source>
        <translation>숨김 파일 표시</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>컴퓨터</translation>
    </message>
</context>
<context>
    <name>ShellWindow</name>
    <message>
        <source>Safety</source>
        <translation>안전</translation>
    </message>
    <message>
        <source>Quick exit</source>
        <translation>빠른 나가기</translation>
    </message>
    <message>
        <source>Locks the vault and closes every window at once. Keys: {keys}</source>
        <translation>보관함을 잠그고 모든 창을 한 번에 닫습니다. 단축키: {keys}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠그기</translation>
    </message>
    <message>
        <source>Lock the vault now. Your passphrase opens it again.</source>
        <translation>지금 보관함을 잠급니다. 암호로 다시 열 수 있습니다.</translation>
    </message>
    <message>
        <source>The vault was locked after {minutes} minutes without use. Nothing was lost.</source>
        <translation>{minutes}분 동안 사용하지 않아 보관함을 잠갔습니다. 잃어버린 내용은 없습니다.</translation>
    </message>
    <message>
        <source>The vault was locked because the computer was locked. Nothing was lost.</source>
        <translation>컴퓨터가 잠겨서 보관함도 잠갔습니다. 잃어버린 것은 없습니다.</translation>
    </message>
</context>
<context>
    <name>SightingsPanel</name>
    <message>
        <source>Sightings</source>
        <translation>발견 기록</translation>
    </message>
    <message>
        <source>Add sighting…</source>
        <translation>발견 기록 추가…</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>파일에서 가져오기…</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>상태 바꾸기</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>주소 복사</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Changing the status…</source>
        <translation>상태를 바꾸는 중입니다…</translation>
    </message>
    <message>
        <source>Status changed.</source>
        <translation>상태를 바꿨습니다.</translation>
    </message>
    <message>
        <source>Copied. The clipboard will be cleared in {seconds} seconds.</source>
        <translation>복사했습니다. 클립보드는 {seconds}초 뒤에 지워집니다.</translation>
    </message>
    <message>
        <source>Sightings in this case: {count}</source>
        <translation>이 사건의 발견 기록: {count}건</translation>
    </message>
</context>
<context>
    <name>SightingsTableModel</name>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <source>Address (URL)</source>
        <translation>주소(URL)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Show what I type</source>
        <translation>입력하는 글자 보기</translation>
    </message>
    <message>
        <source>Create your vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <source>Your records are kept in an encrypted vault on this computer only. Nothing is sent anywhere. Choose a passphrase of at least {minimum} characters; a few words you can remember work well.</source>
        <translation>기록은 이 컴퓨터 안의 암호화된 보관함에만 저장되며, 어디로도 보내지 않습니다. {minimum}자 이상의 암호를 정해 주세요. 기억하기 쉬운 여러 단어로 된 문장이 좋습니다.</translation>
    </message>
    <message>
        <source>Only this passphrase opens the vault. If it is lost, nobody can recover it, not even the people who made this app. Please keep a copy somewhere only you can reach.</source>
        <translation>이 암호로만 보관함을 열 수 있습니다. 암호를 잃어버리면 이 프로그램을 만든 사람을 포함해 누구도 되찾을 수 없습니다. 나만 볼 수 있는 곳에 적어 두세요.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Once more</source>
        <translation>한 번 더</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <source>Creating your vault… this takes a moment.</source>
        <translation>보관함을 만드는 중입니다… 잠시만 기다려 주세요.</translation>
    </message>
    <message>
        <source>Open your vault</source>
        <translation>보관함 열기</translation>
    </message>
    <message>
        <source>Enter your passphrase. Your records stay encrypted until you do.</source>
        <translation>암호를 입력해 주세요. 입력하기 전까지 기록은 암호화된 채로 있습니다.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Opening… this takes a moment.</source>
        <translation>여는 중입니다… 잠시만 기다려 주세요.</translation>
    </message>
    <message>
        <source>Open with the key this computer remembers</source>
        <translation>이 컴퓨터에 기억된 열쇠로 열기</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Cases</source>
        <translation>사건</translation>
    </message>
    <message>
        <source>A name for the case (a nickname is enough)</source>
        <translation>사건 이름 (별명만으로도 충분합니다)</translation>
    </message>
    <message>
        <source>A name for the new case</source>
        <translation>새 사건의 이름</translation>
    </message>
    <message>
        <source>Add case</source>
        <translation>사건 추가</translation>
    </message>
    <message>
        <source>Choose a case on the left, or add one. Everything you write here stays encrypted.</source>
        <translation>왼쪽에서 사건을 고르거나 새로 추가해 주세요. 여기에 적는 내용은 모두 암호화되어 보관됩니다.</translation>
    </message>
    <message>
        <source>Case added.</source>
        <translation>사건을 추가했습니다.</translation>
    </message>
    <message>
        <source>{title}  ·  {count}</source>
        <translation>{title}  ·  {count}</translation>
    </message>
</context>
</TS>
