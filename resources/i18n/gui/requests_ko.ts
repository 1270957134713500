<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddressPicker</name>
    <message>
        <source>Filter the addresses (part of an address or a platform)</source>
        <translation>주소 걸러 보기 (주소의 일부나 플랫폼 이름)</translation>
    </message>
    <message>
        <source>Filter the addresses</source>
        <translation>주소 걸러 보기</translation>
    </message>
    <message>
        <source>Addresses to include</source>
        <translation>요청서에 넣을 주소</translation>
    </message>
    <message>
        <source>Tick all shown</source>
        <translation>보이는 주소 모두 선택</translation>
    </message>
    <message>
        <source>Untick all shown</source>
        <translation>보이는 주소 모두 해제</translation>
    </message>
    <message>
        <source>{ticked} of {total} ticked</source>
        <translation>{total}개 중 {ticked}개 선택</translation>
    </message>
    <message>
        <source>{shown} shown</source>
        <translation>{shown}개 표시 중</translation>
    </message>
</context>
<context>
    <name>ClockTable</name>
    <message>
        <source>Reference</source>
        <translation>참조번호</translation>
    </message>
    <message>
        <source>To</source>
        <translation>받는 곳</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>법</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보낸 때</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>기한</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>남은 시간</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>다음 할 일</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사건</translation>
    </message>
    <message>
        <source>No fixed deadline</source>
        <translation>정해진 기한 없음</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days}일 {hours}시간</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}시간 {minutes}분</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes}분 {seconds}초</translation>
    </message>
    <message>
        <source>No fixed deadline; look again on {date}</source>
        <translation>정해진 기한 없음. {date}에 다시 확인하세요</translation>
    </message>
    <message>
        <source>{span} left</source>
        <translation>{span} 남음</translation>
    </message>
    <message>
        <source>Overdue by {span}</source>
        <translation>기한이 {span} 지남</translation>
    </message>
    <message>
        <source>Send a follow-up</source>
        <translation>재요청 보내기</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>다른 기관에 알리기</translation>
    </message>
    <message>
        <source>Write a letter</source>
        <translation>요청서 쓰기</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>답변 기다리는 중</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>접수 확인됨</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>거절됨</translation>
    </message>
    <message>
        <source>Partly removed</source>
        <translation>일부 삭제됨</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Korea</source>
        <translation>한국</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>미국</translation>
    </message>
    <message>
        <source>European Union</source>
        <translation>유럽연합</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>영국</translation>
    </message>
</context>
<context>
    <name>DeadlineBoard</name>
    <message>
        <source>Deadlines</source>
        <translation>기한 현황</translation>
    </message>
    <message>
        <source>Open removal requests of every case, the nearest deadline first. Times are this computer&apos;s.</source>
        <translation>모든 사건의 답변을 기다리는 삭제 요청입니다. 기한이 가까운 것부터 보입니다. 시각은 이 컴퓨터의 시간대 기준입니다.</translation>
    </message>
    <message>
        <source>Deadlines of all cases</source>
        <translation>모든 사건의 기한</translation>
    </message>
    <message>
        <source>No request is waiting for an answer.</source>
        <translation>답변을 기다리는 요청이 없습니다.</translation>
    </message>
</context>
<context>
    <name>LetterWizard</name>
    <message>
        <source>Ask for removal</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next: read the letter</source>
        <translation>다음: 요청서 읽어 보기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>받는 곳</translation>
    </message>
    <message>
        <source>Under which law</source>
        <translation>적용할 법</translation>
    </message>
    <message>
        <source>Language of the letter</source>
        <translation>요청서 언어</translation>
    </message>
    <message>
        <source>Who is writing</source>
        <translation>보내는 사람</translation>
    </message>
    <message>
        <source>Myself (the person in the material)</source>
        <translation>본인 (자료에 나오는 당사자)</translation>
    </message>
    <message>
        <source>On behalf of the person (with her authority)</source>
        <translation>당사자를 대리하여 (위임을 받아)</translation>
    </message>
    <message>
        <source>As the guardian of a minor</source>
        <translation>미성년자의 법정대리인으로서</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>대리 근거</translation>
    </message>
    <message>
        <source>What the material is</source>
        <translation>자료의 종류</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>밝히지 않음</translation>
    </message>
    <message>
        <source>Made or altered with AI (deepfake)</source>
        <translation>AI로 만들거나 합성한 자료 (딥페이크)</translation>
    </message>
    <message>
        <source>Filmed without consent</source>
        <translation>동의 없이 촬영된 자료</translation>
    </message>
    <message>
        <source>Shared without consent</source>
        <translation>동의 없이 유포된 자료</translation>
    </message>
    <message>
        <source>Addresses to include (those on this recipient&apos;s platform are ticked)</source>
        <translation>요청서에 넣을 주소 (받는 곳의 플랫폼에 있는 주소는 미리 골라 두었습니다)</translation>
    </message>
    <message>
        <source>Still needed for a valid letter</source>
        <translation>요청서에 아직 필요한 것</translation>
    </message>
    <message>
        <source>Your details (they sign the letter)</source>
        <translation>내 정보 (요청서의 서명이 됩니다)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>전자우편 주소</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>전화번호 (선택)</translation>
    </message>
    <message>
        <source>Save my details</source>
        <translation>내 정보 저장</translation>
    </message>
    <message>
        <source>Authority: your relation to the minor, and what shows it</source>
        <translation>대리 근거: 미성년자와의 관계와 이를 보여 주는 서류</translation>
    </message>
    <message>
        <source>Authority: what lets you act for her (e.g. a power of attorney)</source>
        <translation>대리 근거: 당사자를 대리할 수 있는 근거 (예: 위임장)</translation>
    </message>
    <message>
        <source>Your details are saved.</source>
        <translation>내 정보를 저장했습니다.</translation>
    </message>
    <message>
        <source>This is the letter as it will be sent. Read it through before sending.</source>
        <translation>보내질 요청서입니다. 보내기 전에 끝까지 읽어 보세요.</translation>
    </message>
    <message>
        <source>The letter</source>
        <translation>요청서</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF로 저장…</translation>
    </message>
    <message>
        <source>Copy the text</source>
        <translation>본문 복사</translation>
    </message>
    <message>
        <source>Open the form…</source>
        <translation>신고 양식 열기…</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>보냄으로 기록</translation>
    </message>
    <message>
        <source>Send it through: {channel}</source>
        <translation>보내는 경로: {channel}</translation>
    </message>
    <message>
        <source>This app knows no form address for this recipient under this law.</source>
        <translation>이 앱은 이 법에 따른 이 수신처의 신고 양식 주소를 알지 못합니다.</translation>
    </message>
    <message>
        <source>Save the letter as PDF</source>
        <translation>요청서를 PDF로 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>removal-request.pdf</source>
        <translation>삭제요청서.pdf</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>A file named {name} already exists in that folder. Replace it with this letter?</source>
        <translation>그 폴더에 {name} 파일이 이미 있습니다. 이 요청서로 바꿀까요?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>바꾸기</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDF를 만드는 중…</translation>
    </message>
    <message>
        <source>Saved as {name}. The request is recorded as {reference}; its clock runs until {deadline}.</source>
        <translation>{name}(으)로 저장했습니다. 요청을 {reference}(으)로 기록했습니다. 처리 기한은 {deadline}입니다.</translation>
    </message>
    <message>
        <source>The letter is copied: paste it into the form now. The clipboard will be cleared in {seconds} seconds.</source>
        <translation>요청서를 복사했습니다. 지금 신고 양식에 붙여 넣으세요. {seconds}초 뒤 클립보드를 비웁니다.</translation>
    </message>
    <message>
        <source>Open the form in your browser?</source>
        <translation>브라우저에서 신고 양식을 열까요?</translation>
    </message>
    <message>
        <source>This opens {address} in your web browser. The browser may keep it in its history. Open it now?</source>
        <translation>웹 브라우저에서 {address} 주소를 엽니다. 브라우저 방문 기록에 남을 수 있습니다. 지금 열까요?</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>브라우저에서 열기</translation>
    </message>
    <message>
        <source>Marked as sent: {reference}. Its clock runs until {deadline}.</source>
        <translation>보냄으로 기록했습니다: {reference}. 처리 기한은 {deadline}입니다.</translation>
    </message>
    <message>
        <source>no fixed deadline</source>
        <translation>정해진 기한 없음</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Requests</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <source>Removal requests</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <source>Write a removal letter…</source>
        <translation>삭제 요청서 쓰기…</translation>
    </message>
    <message>
        <source>Requests of this case</source>
        <translation>이 사건의 삭제 요청</translation>
    </message>
    <message>
        <source>Write the follow-up…</source>
        <translation>재요청서 쓰기…</translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation>다른 기관에 알리기…</translation>
    </message>
    <message>
        <source>Record the answer</source>
        <translation>답변 기록</translation>
    </message>
    <message>
        <source>No removal request yet. &quot;Write a removal letter…&quot; starts one.</source>
        <translation>아직 삭제 요청이 없습니다. &apos;삭제 요청서 쓰기…&apos;로 시작할 수 있습니다.</translation>
    </message>
    <message>
        <source>• {platform}: {count} address(es) with no removal request yet.</source>
        <translation>• {platform}: 아직 삭제 요청을 보내지 않은 주소 {count}개</translation>
    </message>
    <message>
        <source>• {reference}: {action} (since {since}).</source>
        <translation>• {reference}: {action} ({since}부터)</translation>
    </message>
    <message>
        <source>Due next:</source>
        <translation>다음 할 일:</translation>
    </message>
    <message>
        <source>Nothing is due right now.</source>
        <translation>지금 할 일은 없습니다.</translation>
    </message>
    <message>
        <source>Save the follow-up as PDF</source>
        <translation>재요청서를 PDF로 저장</translation>
    </message>
    <message>
        <source>Save the escalation document as PDF</source>
        <translation>기관 신고 문서를 PDF로 저장</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDF를 만드는 중…</translation>
    </message>
    <message>
        <source>Follow-up saved as {name} and recorded as {reference}.</source>
        <translation>재요청서를 {name}(으)로 저장하고 {reference}(으)로 기록했습니다.</translation>
    </message>
    <message>
        <source>Escalation document saved as {name}.</source>
        <translation>기관 신고 문서를 {name}(으)로 저장했습니다.</translation>
    </message>
    <message>
        <source>{reference}: recorded as &quot;{status}&quot;.</source>
        <translation>{reference}: &apos;{status}&apos;(으)로 기록했습니다.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>A file named {name} already exists in that folder. Replace it?</source>
        <translation>그 폴더에 {name} 파일이 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>바꾸기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>TimelinePage</name>
    <message>
        <source>History</source>
        <translation>변경 기록</translation>
    </message>
    <message>
        <source>History of this case</source>
        <translation>이 사건의 기록</translation>
    </message>
    <message>
        <source>When</source>
        <translation>언제</translation>
    </message>
    <message>
        <source>What</source>
        <translation>무엇을</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경 내용</translation>
    </message>
    <message>
        <source>This history cannot be changed: each entry is sealed to the one before it.</source>
        <translation>이 기록은 고칠 수 없습니다. 각 항목이 바로 앞 항목과 봉인되어 이어져 있습니다.</translation>
    </message>
    <message>
        <source>Checked: the history is intact. No entry was changed, removed or added afterwards.</source>
        <translation>확인했습니다: 기록이 온전합니다. 나중에 바뀌거나 지워지거나 끼워 넣은 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Checked: the history has been changed outside this app. Keep this computer as it is and tell your counselor or lawyer. What was found:</source>
        <translation>확인했습니다: 이 앱 밖에서 기록이 바뀌었습니다. 이 컴퓨터를 지금 상태 그대로 두고 상담사나 변호사에게 알리세요. 찾은 내용:</translation>
    </message>
</context>
</TS>
