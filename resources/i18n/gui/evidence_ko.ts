<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddFlow</name>
    <message>
        <source>Choose pictures or videos to fingerprint</source>
        <translation>지문을 만들 사진이나 동영상을 고르세요</translation>
    </message>
    <message>
        <source>Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</source>
        <translation>사진과 동영상 (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Making fingerprints of {count} file(s)…</source>
        <translation>파일 {count}개의 지문을 만드는 중…</translation>
    </message>
</context>
<context>
    <name>AddSummaryDialog</name>
    <message>
        <source>Fingerprints saved</source>
        <translation>지문 저장 결과</translation>
    </message>
    <message>
        <source>Stopped, as you asked. What was saved before that stays saved.</source>
        <translation>요청하신 대로 멈췄습니다. 그 전에 저장된 것은 그대로 있습니다.</translation>
    </message>
    <message>
        <source>Added to this case: {added}. Could not be added: {failed}.</source>
        <translation>이 사건에 추가됨: {added}개. 추가하지 못함: {failed}개.</translation>
    </message>
    <message>
        <source>Not looked at because of the stop: {count}.</source>
        <translation>멈춰서 살펴보지 않은 파일: {count}개.</translation>
    </message>
    <message>
        <source>Only the fingerprints were saved, not the files themselves. If you may need the files later, keep them somewhere safe that only you can reach.</source>
        <translation>파일 자체가 아니라 지문만 저장했습니다. 나중에 파일이 필요할 수 있다면, 나만 열 수 있는 안전한 곳에 보관해 두세요.</translation>
    </message>
    <message>
        <source>Files that could not be added</source>
        <translation>추가하지 못한 파일</translation>
    </message>
</context>
<context>
    <name>BlurredPreview</name>
    <message>
        <source>Preview, blurred</source>
        <translation>미리보기 (흐리게 처리됨)</translation>
    </message>
    <message>
        <source>Choose an item to see its blurred preview.</source>
        <translation>항목을 고르면 흐리게 처리된 미리보기가 나옵니다.</translation>
    </message>
    <message>
        <source>Preview, shown. Press Space to blur it again.</source>
        <translation>미리보기가 보이는 상태입니다. 스페이스 키를 누르면 다시 흐려집니다.</translation>
    </message>
    <message>
        <source>Preview, blurred. Press Space or click to show it.</source>
        <translation>미리보기가 흐리게 처리되어 있습니다. 스페이스 키를 누르거나 클릭하면 보입니다.</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <source>Drop pictures or videos here to fingerprint them into this case.</source>
        <translation>사진이나 동영상을 여기에 끌어다 놓으면 지문을 만들어 이 사건에 저장합니다.</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>파일 고르기…</translation>
    </message>
    <message>
        <source>Also keep a tiny, heavily blurred preview of each picture</source>
        <translation>알아볼 수 없을 만큼 흐린 작은 미리보기도 함께 저장</translation>
    </message>
    <message>
        <source>The vault keeps a fingerprint of each file, not the file itself. If you may need the files later (for the police or a lawyer), keep the originals somewhere safe.</source>
        <translation>보관함에는 파일 자체가 아니라 파일의 지문만 저장됩니다. 나중에(경찰이나 변호사에게) 원본이 필요할 수 있다면 원본을 안전한 곳에 따로 보관해 두세요.</translation>
    </message>
    <message>
        <source>Evidence in this case</source>
        <translation>이 사건의 증거</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가한 때</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>지문</translation>
    </message>
    <message>
        <source>AI-made indicators</source>
        <translation>AI 제작 표시</translation>
    </message>
    <message>
        <source>Show preview</source>
        <translation>미리보기 보기</translation>
    </message>
    <message>
        <source>About the chosen item</source>
        <translation>고른 항목에 대한 정보</translation>
    </message>
    <message>
        <source>Export hash list…</source>
        <translation>해시 목록 내보내기…</translation>
    </message>
    <message>
        <source>Import a hash list…</source>
        <translation>해시 목록 가져오기…</translation>
    </message>
    <message>
        <source>Hash list saved: {rows} row(s) in {name}. It holds fingerprints only, no pictures and no file names.</source>
        <translation>해시 목록을 저장했습니다: {name}에 {rows}줄. 지문만 들어 있고, 사진이나 파일 이름은 들어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Hash list imported: {rows} entries. From now on, &quot;Is this one of ours?&quot; also recognises them.</source>
        <translation>해시 목록을 가져왔습니다: {rows}개 항목. 이제부터 &apos;내가 저장한 것인지 확인&apos;에서도 이 항목들을 알아봅니다.</translation>
    </message>
    <message>
        <source>Items in this case: {count}</source>
        <translation>이 사건의 항목: {count}개</translation>
    </message>
    <message>
        <source>video</source>
        <translation>동영상</translation>
    </message>
    <message>
        <source>image</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>PDQ {pdq}… · SHA-256 {sha}…</source>
        <translation>PDQ {pdq}… · SHA-256 {sha}…</translation>
    </message>
    <message>
        <source>SHA-256 {sha}…</source>
        <translation>SHA-256 {sha}…</translation>
    </message>
    <message>
        <source>Choose an item to see its blurred preview.</source>
        <translation>항목을 고르면 흐리게 처리된 미리보기가 나옵니다.</translation>
    </message>
    <message>
        <source>No preview was kept for this item.</source>
        <translation>이 항목은 미리보기를 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256: {sha}</translation>
    </message>
    <message>
        <source>PDQ: {pdq} (quality {quality})</source>
        <translation>PDQ: {pdq} (품질 {quality})</translation>
    </message>
    <message>
        <source>Blur again</source>
        <translation>다시 흐리게</translation>
    </message>
</context>
<context>
    <name>HashListFlow</name>
    <message>
        <source>Save the case&apos;s hash list</source>
        <translation>사건의 해시 목록 저장</translation>
    </message>
    <message>
        <source>CSV for hash-sharing programmes (*.csv)</source>
        <translation>해시 공유 프로그램용 CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines, with video frames, for this app (*.jsonl)</source>
        <translation>이 앱용 JSON Lines, 동영상 장면 포함 (*.jsonl)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it with the case&apos;s hash list?</source>
        <translation>{name} 파일이 이미 있습니다. 사건의 해시 목록으로 바꿀까요?</translation>
    </message>
    <message>
        <source>Writing the hash list…</source>
        <translation>해시 목록을 쓰는 중…</translation>
    </message>
    <message>
        <source>Choose a hash list to import</source>
        <translation>가져올 해시 목록을 고르세요</translation>
    </message>
    <message>
        <source>Hash lists (*.csv *.jsonl *.json *.txt)</source>
        <translation>해시 목록 (*.csv *.jsonl *.json *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading the hash list…</source>
        <translation>해시 목록을 읽는 중…</translation>
    </message>
</context>
<context>
    <name>MatchPage</name>
    <message>
        <source>Is this one of ours?</source>
        <translation>내가 저장한 것인지 확인</translation>
    </message>
    <message>
        <source>Found a picture or video online and want to know whether it is one you already saved? Drop it here. It is compared with the evidence of every case and with imported hash lists. Nothing is saved and nothing leaves this computer.</source>
        <translation>온라인에서 발견한 사진이나 동영상이 이미 저장한 것인지 알고 싶다면 여기에 끌어다 놓으세요. 모든 사건의 증거와 가져온 해시 목록에 비교합니다. 아무것도 저장하지 않으며, 이 컴퓨터 밖으로 나가는 것도 없습니다.</translation>
    </message>
    <message>
        <source>Drop files here to check them.</source>
        <translation>확인할 파일을 여기에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>Choose files to check…</source>
        <translation>확인할 파일 고르기…</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Choose files to check</source>
        <translation>확인할 파일을 고르세요</translation>
    </message>
    <message>
        <source>Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</source>
        <translation>사진과 동영상 (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>무엇과 비교할까요</translation>
    </message>
    <message>
        <source>Everything saved in this vault (every case and imported lists)</source>
        <translation>이 보관함에 저장한 모든 것 (모든 사건과 가져온 해시 목록)</translation>
    </message>
    <message>
        <source>Only a hash list file someone gave you (it is not imported)</source>
        <translation>받은 해시 목록 파일 하나만 (보관함으로 가져오지 않습니다)</translation>
    </message>
    <message>
        <source>No list chosen yet.</source>
        <translation>아직 고른 목록이 없습니다.</translation>
    </message>
    <message>
        <source>Choose a list…</source>
        <translation>목록 고르기…</translation>
    </message>
    <message>
        <source>Choose a hash list</source>
        <translation>해시 목록 고르기</translation>
    </message>
    <message>
        <source>Hash lists (*.csv *.jsonl *.json *.txt)</source>
        <translation>해시 목록 (*.csv *.jsonl *.json *.txt)</translation>
    </message>
    <message>
        <source>List: {name}</source>
        <translation>목록: {name}</translation>
    </message>
    <message>
        <source>Please choose the hash list to compare with first.</source>
        <translation>먼저 비교할 해시 목록을 골라 주세요.</translation>
    </message>
    <message>
        <source>Comparing {count} file(s)…</source>
        <translation>파일 {count}개를 비교하는 중…</translation>
    </message>
    <message>
        <source>Could not be checked: {reason}</source>
        <translation>확인하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>No match: not recognised as any entry of the list.</source>
        <translation>일치 없음: 목록의 어느 항목과도 일치하지 않았습니다.</translation>
    </message>
    <message>
        <source>No match: not recognised as any saved item or hash-list entry.</source>
        <translation>일치 없음: 저장한 항목이나 해시 목록의 어느 것과도 일치하지 않았습니다.</translation>
    </message>
    <message>
        <source>Matches {count} saved item(s)</source>
        <translation>저장한 항목 {count}개와 일치</translation>
    </message>
    <message>
        <source>Checked: {checked}. Recognised: {found}.</source>
        <translation>확인한 파일: {checked}개. 일치한 파일: {found}개.</translation>
    </message>
    <message>
        <source>Stopped, as you asked. The files checked so far are shown.</source>
        <translation>요청하신 대로 멈췄습니다. 지금까지 확인한 파일만 보여 드립니다.</translation>
    </message>
    <message>
        <source>&quot;No match&quot; means it was not recognised; a heavily changed copy can still be the same material.</source>
        <translation>&apos;일치 없음&apos;은 알아보지 못했다는 뜻입니다. 많이 바뀐 사본은 같은 자료여도 알아보지 못할 수 있습니다.</translation>
    </message>
    <message>
        <source>In the list {list}: {label}</source>
        <translation>목록 {list}의 항목: {label}</translation>
    </message>
    <message>
        <source>Imported hash list: {label}</source>
        <translation>가져온 해시 목록: {label}</translation>
    </message>
    <message>
        <source>Case &quot;{case}&quot;, item {item}: {file}</source>
        <translation>사건 &apos;{case}&apos;, 항목 {item}: {file}</translation>
    </message>
    <message>
        <source>exact: the very same file</source>
        <translation>완전히 같은 파일</translation>
    </message>
    <message>
        <source>near-identical picture (PDQ distance {distance} of 256)</source>
        <translation>거의 같은 사진 (PDQ 거리 {distance}/256)</translation>
    </message>
    <message>
        <source>mirrored or turned copy (PDQ distance {distance} of 256)</source>
        <translation>좌우가 뒤집히거나 돌려진 사본 (PDQ 거리 {distance}/256)</translation>
    </message>
    <message>
        <source>the same picture inside a crop, caption or frame (robust features)</source>
        <translation>잘리거나 글자·테두리가 더해진 같은 사진 (특징점 비교)</translation>
    </message>
    <message>
        <source>a frame of the stored video: {how}</source>
        <translation>저장한 동영상의 한 장면: {how}</translation>
    </message>
</context>
</TS>
