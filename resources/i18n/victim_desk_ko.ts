<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AddSightingDialog</name>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="46"/>
        <source>Add a sighting</source>
        <translation>발견 기록 추가</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="52"/>
        <source>Write down where you saw it. Only the address is needed; the rest can wait.</source>
        <translation>어디에서 보았는지 적어 주세요. 주소만 있으면 됩니다. 나머지는 나중에 적어도 괜찮습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="73"/>
        <source>I am not sure when</source>
        <translation>언제인지 잘 모르겠어요</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="83"/>
        <source>Optional: anything that will help later (room name, who posted)</source>
        <translation>선택 사항: 나중에 도움이 될 내용 (방 이름, 올린 사람 등)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="96"/>
        <source>Address (URL)</source>
        <translation>주소(URL)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="97"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="98"/>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sighting_dialog.py" line="99"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="49"/>
        <source>Choose a list of addresses</source>
        <translation>주소 목록 파일 고르기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="53"/>
        <source>Lists of addresses (*.txt *.csv)</source>
        <translation>주소 목록 (*.txt *.csv)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="53"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="73"/>
        <source>Adding the addresses from the file…</source>
        <translation>파일의 주소를 추가하는 중입니다…</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="86"/>
        <source>Import finished</source>
        <translation>가져오기를 마쳤습니다</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="90"/>
        <source>Addresses added: {added}. Lines that could not be used: {problems}.</source>
        <translation>추가한 주소: {added}개. 사용하지 못한 줄: {problems}개.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="104"/>
        <source>These lines were skipped. You can fix them and import just those lines again.</source>
        <translation>아래 줄은 건너뛰었습니다. 고친 뒤 그 줄만 다시 가져오면 됩니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="109"/>
        <source>Line {line}: {problem}</source>
        <translation>{line}번째 줄: {problem}</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/import_flow.py" line="114"/>
        <source>… and {more} more.</source>
        <translation>… 그 밖에 {more}개가 더 있습니다.</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../victim_desk/gui/progress.py" line="20"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="20"/>
        <source>Found</source>
        <translation>발견됨</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="21"/>
        <source>Removal requested</source>
        <translation>삭제 요청함</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="22"/>
        <source>Removed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="23"/>
        <source>Reappeared</source>
        <translation>다시 올라옴</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="29"/>
        <source>Telegram</source>
        <translation>텔레그램</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="30"/>
        <source>X (Twitter)</source>
        <translation>X(트위터)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="31"/>
        <source>Meta (Facebook, Instagram)</source>
        <translation>메타(페이스북, 인스타그램)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="32"/>
        <source>Google / YouTube</source>
        <translation>구글 / 유튜브</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="33"/>
        <source>Naver</source>
        <translation>네이버</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="34"/>
        <source>Kakao / Tistory</source>
        <translation>카카오 / 티스토리</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="35"/>
        <source>Daum</source>
        <translation>다음</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="36"/>
        <source>Discord</source>
        <translation>디스코드</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="37"/>
        <source>Reddit</source>
        <translation>레딧</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="38"/>
        <source>KCSC</source>
        <translation>방송통신심의위원회</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="39"/>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/labels.py" line="40"/>
        <source>Other website</source>
        <translation>기타 웹사이트</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../victim_desk/gui/banner.py" line="30"/>
        <source>Dismiss message</source>
        <translation>메시지 닫기</translation>
    </message>
</context>
<context>
    <name>ShellWindow</name>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="82"/>
        <source>Safety</source>
        <translation>안전</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="86"/>
        <source>Quick exit</source>
        <translation>빠른 나가기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="89"/>
        <source>Locks the vault and closes every window at once. Keys: {keys}</source>
        <translation>보관함을 잠그고 모든 창을 한 번에 닫습니다. 단축키: {keys}</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="94"/>
        <source>Lock</source>
        <translation>잠그기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="96"/>
        <source>Lock the vault now. Your passphrase opens it again.</source>
        <translation>지금 보관함을 잠급니다. 암호로 다시 열 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/shell.py" line="159"/>
        <source>The vault was locked after {minutes} minutes without use. Nothing was lost.</source>
        <translation>{minutes}분 동안 사용하지 않아 보관함을 잠갔습니다. 잃어버린 내용은 없습니다.</translation>
    </message>
</context>
<context>
    <name>SightingsPanel</name>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="70"/>
        <source>Add sighting…</source>
        <translation>발견 기록 추가…</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="73"/>
        <source>Import from file…</source>
        <translation>파일에서 가져오기…</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="76"/>
        <source>Set status</source>
        <translation>상태 바꾸기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="79"/>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="234"/>
        <source>Copy address</source>
        <translation>주소 복사</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="155"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="207"/>
        <source>Changing the status…</source>
        <translation>상태를 바꾸는 중입니다…</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="216"/>
        <source>Status changed.</source>
        <translation>상태를 바꿨습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="224"/>
        <source>Copied. The clipboard will be cleared in {seconds} seconds.</source>
        <translation>복사했습니다. 클립보드는 {seconds}초 뒤에 지워집니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_panel.py" line="273"/>
        <source>Sightings in this case: {count}</source>
        <translation>이 사건의 발견 기록: {count}건</translation>
    </message>
</context>
<context>
    <name>SightingsTableModel</name>
    <message>
        <location filename="../../victim_desk/gui/sightings_model.py" line="41"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_model.py" line="42"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_model.py" line="43"/>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_model.py" line="44"/>
        <source>Address (URL)</source>
        <translation>주소(URL)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/sightings_model.py" line="45"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="59"/>
        <source>Show what I type</source>
        <translation>입력하는 글자 보기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="94"/>
        <source>Create your vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="98"/>
        <source>Your records are kept in an encrypted vault on this computer only. Nothing is sent anywhere.

Choose a passphrase of at least {minimum} characters; a few words you can remember work well. Only this passphrase opens the vault. If it is lost, nobody can recover it, not even the people who made this app, so keep a copy somewhere only you can reach.</source>
        <translation>기록은 이 컴퓨터 안의 암호화된 보관함에만 저장되며, 어디로도 보내지 않습니다.

{minimum}자 이상의 암호를 정해 주세요. 기억하기 쉬운 여러 단어로 된 문장이 좋습니다. 이 암호로만 보관함을 열 수 있습니다. 암호를 잃어버리면 이 프로그램을 만든 사람을 포함해 누구도 되찾을 수 없으니, 나만 볼 수 있는 곳에 적어 두세요.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="107"/>
        <location filename="../../victim_desk/gui/unlock.py" line="122"/>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="108"/>
        <source>Once more</source>
        <translation>한 번 더</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="109"/>
        <source>Create vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="110"/>
        <source>Creating your vault… this takes a moment.</source>
        <translation>보관함을 만드는 중입니다… 잠시만 기다려 주세요.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="117"/>
        <source>Open your vault</source>
        <translation>보관함 열기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="119"/>
        <source>Enter your passphrase. Your records stay encrypted until you do.</source>
        <translation>암호를 입력해 주세요. 입력하기 전까지 기록은 암호화된 채로 있습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="123"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/unlock.py" line="124"/>
        <source>Opening… this takes a moment.</source>
        <translation>여는 중입니다… 잠시만 기다려 주세요.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="52"/>
        <source>Cases</source>
        <translation>사건</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="59"/>
        <source>A name for the case (a nickname is enough)</source>
        <translation>사건 이름 (별명만으로도 충분합니다)</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="61"/>
        <source>Add case</source>
        <translation>사건 추가</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="76"/>
        <source>Choose a case on the left, or add one. Everything you write here stays encrypted.</source>
        <translation>왼쪽에서 사건을 고르거나 새로 추가해 주세요. 여기에 적는 내용은 모두 암호화되어 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="122"/>
        <source>Case added.</source>
        <translation>사건을 추가했습니다.</translation>
    </message>
    <message>
        <location filename="../../victim_desk/gui/workspace.py" line="162"/>
        <source>{title}  ·  {count}</source>
        <translation>{title}  ·  {count}</translation>
    </message>
</context>
</TS>
