<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>GuideWindow</name>
    <message>
        <source>What you can do now</source>
        <translation>지금 할 수 있는 일</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>PackagePage</name>
    <message>
        <source>Evidence package</source>
        <translation>증거 패키지</translation>
    </message>
    <message>
        <source>A package is one ZIP file to give to the police, a lawyer or a support centre. Anyone can check that nothing in it was changed after you made it.</source>
        <translation>패키지는 경찰, 변호사, 지원 기관에 건넬 수 있는 ZIP 파일 하나입니다. 만든 뒤에 안의 내용이 바뀌지 않았는지 누구나 확인할 수 있습니다.</translation>
    </message>
    <message>
        <source>What goes in</source>
        <translation>들어가는 내용</translation>
    </message>
    <message>
        <source>Always: the list of sightings, the fingerprints (hashes) of the evidence files, the deletion requests and their letters, the case&apos;s history, a report (PDF), and the signature that lets others check it.</source>
        <translation>항상 들어가는 것: 발견 기록 목록, 증거 파일의 지문(해시), 삭제 요청과 그 요청서, 사건 기록(이력), 보고서(PDF), 그리고 다른 사람이 확인할 수 있게 하는 서명.</translation>
    </message>
    <message>
        <source>Also include the original files kept in the vault</source>
        <translation>보관함에 있는 원본 파일도 넣기</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>보호</translation>
    </message>
    <message>
        <source>Lock the package with a passphrase</source>
        <translation>패키지를 암호 문구로 잠그기</translation>
    </message>
    <message>
        <source>Package passphrase</source>
        <translation>패키지 암호 문구</translation>
    </message>
    <message>
        <source>Package passphrase again</source>
        <translation>패키지 암호 문구 다시 입력</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>암호 문구:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>다시 입력:</translation>
    </message>
    <message>
        <source>Timestamp (optional)</source>
        <translation>시점 확인(선택)</translation>
    </message>
    <message>
        <source>Ask a timestamp service to confirm when the package was made</source>
        <translation>패키지를 만든 시점을 시점 확인 서비스(타임스탬프)에서 확인받기</translation>
    </message>
    <message>
        <source>Address of the timestamp service</source>
        <translation>시점 확인 서비스 주소</translation>
    </message>
    <message>
        <source>Service address:</source>
        <translation>서비스 주소:</translation>
    </message>
    <message>
        <source>Make the package…</source>
        <translation>패키지 만들기…</translation>
    </message>
    <message>
        <source>A timestamp cannot be added: this vault is set never to use the network, and a timestamp has to ask a service on the internet. The package is complete and checkable without one. To allow it, change the network setting.</source>
        <translation>시점 확인을 넣을 수 없습니다. 이 보관함은 인터넷을 쓰지 않도록 설정되어 있는데, 시점 확인은 인터넷의 서비스에 물어봐야 하기 때문입니다. 시점 확인이 없어도 패키지는 완전하고 확인할 수 있습니다. 쓰려면 네트워크 설정을 바꿔 주세요.</translation>
    </message>
    <message>
        <source>This contacts the service you name. You will be asked before anything is sent.</source>
        <translation>입력한 서비스에 연결합니다. 무엇이든 보내기 전에 먼저 여쭙니다.</translation>
    </message>
    <message>
        <source>This contacts the service you name: the network is allowed in this vault&apos;s settings.</source>
        <translation>입력한 서비스에 연결합니다. 이 보관함의 설정에서 네트워크 사용이 허용되어 있습니다.</translation>
    </message>
    <message>
        <source>Too short: at least {minimum} characters.</source>
        <translation>너무 짧습니다. {minimum}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>Strength: weak. Several unrelated words are easy to remember and hard to guess.</source>
        <translation>강도: 약함. 서로 관계없는 낱말 몇 개를 이으면 기억하기 쉽고 추측하기는 어렵습니다.</translation>
    </message>
    <message>
        <source>Strength: fair. A few more words would make it strong.</source>
        <translation>강도: 보통. 낱말을 몇 개 더 넣으면 강해집니다.</translation>
    </message>
    <message>
        <source>Strength: strong.</source>
        <translation>강도: 강함.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same. Please type them again.</source>
        <translation>두 암호 문구가 서로 다릅니다. 다시 입력해 주세요.</translation>
    </message>
    <message>
        <source>Save the evidence package</source>
        <translation>증거 패키지 저장</translation>
    </message>
    <message>
        <source>Evidence packages (*.zip)</source>
        <translation>증거 패키지 (*.zip)</translation>
    </message>
    <message>
        <source>evidence-package</source>
        <translation>evidence-package</translation>
    </message>
    <message>
        <source>Use the network?</source>
        <translation>네트워크를 사용할까요?</translation>
    </message>
    <message>
        <source>To add the timestamp, a fingerprint of the package&apos;s list of files (not the files, not the case) is sent to {url}. The service learns that someone made a package now, from this computer&apos;s internet address.</source>
        <translation>시점 확인을 넣으려면 패키지 파일 목록의 지문(파일이나 사건 내용이 아닙니다)을 {url}(으)로 보냅니다. 그 서비스는 누군가 지금 이 컴퓨터의 인터넷 주소에서 패키지를 만들었다는 것을 알게 됩니다.</translation>
    </message>
    <message>
        <source>Send it this once?</source>
        <translation>이번 한 번 보낼까요?</translation>
    </message>
    <message>
        <source>Please give the address of the timestamp service, or untick it.</source>
        <translation>시점 확인 서비스 주소를 입력하거나, 선택을 해제해 주세요.</translation>
    </message>
    <message>
        <source>No package was made: the network was not allowed this time.</source>
        <translation>패키지를 만들지 않았습니다. 이번에는 네트워크 사용을 허락하지 않으셨습니다.</translation>
    </message>
    <message>
        <source>Making the evidence package…</source>
        <translation>증거 패키지를 만드는 중…</translation>
    </message>
    <message>
        <source>Package saved: {name}. To let others check it came from you, tell them this key fingerprint another way (by phone, in person): {key}</source>
        <translation>패키지를 저장했습니다: {name}. 받는 사람이 보낸 사람이 맞는지 확인할 수 있도록, 이 열쇠 지문을 다른 방법(전화, 직접 만나서)으로 알려 주세요: {key}</translation>
    </message>
    <message>
        <source>Cancelled. No package was made and no file was left behind.</source>
        <translation>취소했습니다. 패키지는 만들어지지 않았고, 남은 파일도 없습니다.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Who is referring</source>
        <translation>연계하는 사람</translation>
    </message>
    <message>
        <source>This is kept in the encrypted vault and printed as the referring person on letters. If you are writing for yourself, choose “Myself”.</source>
        <translation>이 정보는 암호화된 보관함에만 저장되며, 연계 의뢰서에 연계하는 사람으로 적힙니다. 본인이 직접 쓰는 경우 ‘본인’을 고르세요.</translation>
    </message>
    <message>
        <source>Who you are</source>
        <translation>누구인지</translation>
    </message>
    <message>
        <source>Myself (the person concerned)</source>
        <translation>본인 (피해 당사자)</translation>
    </message>
    <message>
        <source>A counselor acting for her</source>
        <translation>당사자를 돕는 상담원</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>전화번호(선택)</translation>
    </message>
    <message>
        <source>Organisation (optional)</source>
        <translation>소속 기관(선택)</translation>
    </message>
    <message>
        <source>Who you are:</source>
        <translation>누구인지:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>이메일:</translation>
    </message>
    <message>
        <source>Phone (optional):</source>
        <translation>전화번호(선택):</translation>
    </message>
    <message>
        <source>Organisation (optional):</source>
        <translation>소속 기관(선택):</translation>
    </message>
</context>
<context>
    <name>ReferralLetterDialog</name>
    <message>
        <source>Referral letter</source>
        <translation>연계 의뢰서</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>기관</translation>
    </message>
    <message>
        <source>Language of the letter</source>
        <translation>의뢰서 언어</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>일반 텍스트</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>받는 기관:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>저장 형식:</translation>
    </message>
    <message>
        <source>A letter says who is referring. Please enter your name and e-mail once; they stay here.</source>
        <translation>의뢰서에는 연계하는 사람이 적힙니다. 이름과 이메일을 한 번만 입력해 주세요. 이 보관함에 저장됩니다.</translation>
    </message>
    <message>
        <source>Enter who is referring…</source>
        <translation>연계하는 사람 입력…</translation>
    </message>
    <message>
        <source>What may be shared</source>
        <translation>함께 보낼 내용</translation>
    </message>
    <message>
        <source>Nothing is ticked until you choose. Tick only what the person agreed to.</source>
        <translation>직접 고르기 전에는 아무것도 선택되어 있지 않습니다. 당사자가 동의한 것만 선택해 주세요.</translation>
    </message>
    <message>
        <source>Always in the letter: the organisation, a case and referral number, the date, and who refers.</source>
        <translation>의뢰서에 항상 들어가는 것: 받는 기관, 사건·연계 번호, 날짜, 연계하는 사람.</translation>
    </message>
    <message>
        <source>Preview — exactly what the letter will say:</source>
        <translation>미리 보기 — 의뢰서에 실제로 적힐 내용:</translation>
    </message>
    <message>
        <source>Preview of the letter</source>
        <translation>의뢰서 미리 보기</translation>
    </message>
    <message>
        <source>Save letter…</source>
        <translation>의뢰서 저장…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>first enter who is referring</source>
        <translation>먼저 연계하는 사람을 입력하세요</translation>
    </message>
    <message>
        <source>not kept in a counselor&apos;s vault; your own contact is always included</source>
        <translation>상담원 보관함에는 저장되지 않습니다. 상담원 본인의 연락처는 항상 들어갑니다</translation>
    </message>
    <message>
        <source>none recorded in this case</source>
        <translation>이 사건에 기록된 것이 없습니다</translation>
    </message>
    <message>
        <source>no files fingerprinted in this case</source>
        <translation>이 사건에 지문을 만든 파일이 없습니다</translation>
    </message>
    <message>
        <source>The preview appears once the referring person is entered.</source>
        <translation>연계하는 사람을 입력하면 미리 보기가 나타납니다.</translation>
    </message>
    <message>
        <source>Save the referral letter</source>
        <translation>연계 의뢰서 저장</translation>
    </message>
    <message>
        <source>Letters (*.{suffix})</source>
        <translation>의뢰서 (*.{suffix})</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>referral</translation>
    </message>
    <message>
        <source>Writing the letter…</source>
        <translation>의뢰서를 쓰는 중…</translation>
    </message>
    <message>
        <source>Referral letter saved: {files}. Only the ticked fields were included.</source>
        <translation>연계 의뢰서를 저장했습니다: {files}. 선택한 항목만 들어갔습니다.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <source>Replace the existing file(s) with this letter?</source>
        <translation>이미 있는 파일을 이 의뢰서로 바꿀까요?</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>Help and referrals</source>
        <translation>도움과 연계</translation>
    </message>
    <message>
        <source>Organisations that can help, and what each one does. Facts marked (unconfirmed) could not be confirmed at their source: please check them before relying on them.</source>
        <translation>도움을 받을 수 있는 기관과 각 기관이 하는 일입니다. ‘(확인 필요)’ 표시가 있는 정보는 출처에서 확인되지 않은 것이니, 이용하기 전에 한 번 더 확인해 주세요.</translation>
    </message>
    <message>
        <source>Kind of help</source>
        <translation>도움의 종류</translation>
    </message>
    <message>
        <source>Any kind of help</source>
        <translation>모든 종류의 도움</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>지역</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>모든 지역</translation>
    </message>
    <message>
        <source>Kind of help:</source>
        <translation>도움의 종류:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>지역:</translation>
    </message>
    <message>
        <source>Write a referral letter…</source>
        <translation>연계 의뢰서 쓰기…</translation>
    </message>
    <message>
        <source>Write a referral letter</source>
        <translation>연계 의뢰서 쓰기</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>기관 목록</translation>
    </message>
    <message>
        <source>No organisation matches both choices. Try “Any region”.</source>
        <translation>두 조건에 모두 맞는 기관이 없습니다. ‘모든 지역’을 골라 보세요.</translation>
    </message>
    <message>
        <source>Organisations shown: {count}</source>
        <translation>보이는 기관: {count}곳</translation>
    </message>
    <message>
        <source>Not everything here is confirmed: details marked (unconfirmed) need checking.</source>
        <translation>이 기관의 정보 중 일부는 확인되지 않았습니다. ‘(확인 필요)’ 표시가 있는 내용은 다시 확인해 주세요.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a package</source>
        <translation>패키지 확인</translation>
    </message>
    <message>
        <source>Check an evidence package made with this app: whether any file in it was changed, who signed it, and when. Nothing is unpacked and nothing is sent anywhere.</source>
        <translation>이 앱으로 만든 증거 패키지를 확인합니다. 안의 파일이 바뀌었는지, 누가 서명했는지, 언제 만들었는지 봅니다. 압축을 풀지 않으며 아무것도 보내지 않습니다.</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>패키지 파일</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>고르기…</translation>
    </message>
    <message>
        <source>Package passphrase (only if it is locked)</source>
        <translation>패키지 암호 문구 (잠겨 있을 때만)</translation>
    </message>
    <message>
        <source>Key fingerprint you were told (optional)</source>
        <translation>전달받은 열쇠 지문 (선택)</translation>
    </message>
    <message>
        <source>e.g. 1a2b 3c4d … as the sender told you</source>
        <translation>예: 1a2b 3c4d … 보낸 사람이 알려 준 그대로</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>패키지:</translation>
    </message>
    <message>
        <source>Passphrase (only if locked):</source>
        <translation>암호 문구 (잠겨 있을 때만):</translation>
    </message>
    <message>
        <source>Key fingerprint you were told:</source>
        <translation>전달받은 열쇠 지문:</translation>
    </message>
    <message>
        <source>Check the package</source>
        <translation>패키지 확인하기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>What each check found</source>
        <translation>확인 항목별 결과</translation>
    </message>
    <message>
        <source>Choose a package</source>
        <translation>패키지 고르기</translation>
    </message>
    <message>
        <source>Evidence packages (*.zip)</source>
        <translation>증거 패키지 (*.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Please choose the package file first.</source>
        <translation>먼저 패키지 파일을 골라 주세요.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>패키지를 확인하는 중…</translation>
    </message>
    <message>
        <source>All checks passed: {members} files, none changed since the package was signed.</source>
        <translation>모든 확인을 통과했습니다. 파일 {members}개 모두 서명한 뒤로 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Problems found: {count}. See which check failed below.</source>
        <translation>문제 {count}건을 찾았습니다. 어느 확인에서 문제가 있었는지 아래에서 보세요.</translation>
    </message>
    <message>
        <source>This package is locked. Type its passphrase above and check again.</source>
        <translation>이 패키지는 잠겨 있습니다. 위에 암호 문구를 입력하고 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>통과</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Not in this package</source>
        <translation>이 패키지에는 없음</translation>
    </message>
    <message>
        <source>Could not be checked</source>
        <translation>확인할 수 없음</translation>
    </message>
    <message>
        <source>The file opens as a package</source>
        <translation>패키지 파일로 열림</translation>
    </message>
    <message>
        <source>File fingerprints (SHA256SUMS)</source>
        <translation>파일 지문 (SHA256SUMS)</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>서명</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>시점 확인</translation>
    </message>
    <message>
        <source>History of the case (audit chain)</source>
        <translation>사건 기록의 연결 (감사 체인)</translation>
    </message>
    <message>
        <source>Table of contents (manifest)</source>
        <translation>목차 (manifest)</translation>
    </message>
    <message>
        <source>It is a readable ZIP with safe names and sizes. Does not prove: anything about its content.</source>
        <translation>읽을 수 있는 ZIP 파일이고, 파일 이름과 크기가 안전합니다. 증명하지 않는 것: 내용에 대해서는 아무것도.</translation>
    </message>
    <message>
        <source>Every file still has the fingerprint listed when the package was made, so none was changed, added or removed since. Does not prove: that the list itself is genuine (the signature does).</source>
        <translation>모든 파일의 지문이 패키지를 만들 때 적어 둔 것과 같습니다. 그 뒤로 바뀌거나 더해지거나 빠진 파일이 없습니다. 증명하지 않는 것: 목록 자체가 진짜인지(그것은 서명이 증명합니다).</translation>
    </message>
    <message>
        <source>The list of fingerprints was signed with the key in the package, so nobody changed it without that key. Does not prove: who owns the key. Compare the key fingerprint below with the one the sender told you another way.</source>
        <translation>지문 목록이 패키지 안의 열쇠로 서명되어 있어, 그 열쇠 없이는 아무도 바꾸지 못했습니다. 증명하지 않는 것: 그 열쇠가 누구의 것인지. 아래 열쇠 지문을 보낸 사람이 다른 방법으로 알려 준 지문과 비교해 주세요.</translation>
    </message>
    <message>
        <source>An outside service confirmed the list of fingerprints existed at that time. Does not prove: that what the files show is true, or when the material itself was made.</source>
        <translation>외부 서비스가 그 시각에 지문 목록이 있었음을 확인했습니다. 증명하지 않는 것: 파일 내용이 사실인지, 또는 원래 자료가 언제 만들어졌는지.</translation>
    </message>
    <message>
        <source>The case&apos;s history is one unbroken chain: no step was removed, reordered or edited. Does not prove: that each step happened as written, only that the record was not altered later.</source>
        <translation>사건 기록이 끊김 없이 이어져 있습니다. 빠지거나 순서가 바뀌거나 고쳐진 단계가 없습니다. 증명하지 않는 것: 각 단계가 적힌 그대로 일어났는지. 나중에 기록이 고쳐지지 않았다는 것만 보여 줍니다.</translation>
    </message>
    <message>
        <source>The table of contents matches the files and counts in the package. Does not prove: that the case was complete; only what was exported is there.</source>
        <translation>목차가 패키지 안의 파일과 개수와 맞습니다. 증명하지 않는 것: 사건 전체가 담겼는지. 내보낸 것만 들어 있습니다.</translation>
    </message>
    <message>
        <source>No outside service confirmed when this package was made; its date rests on the sender&apos;s computer. Everything else can still be checked.</source>
        <translation>이 패키지를 만든 시점을 외부 서비스가 확인하지 않았습니다. 날짜는 보낸 사람 컴퓨터의 시계에 따른 것입니다. 나머지 확인은 모두 그대로 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Key fingerprint: {key}</source>
        <translation>열쇠 지문: {key}</translation>
    </message>
    <message>
        <source>Time confirmed: {at} by {tsa}</source>
        <translation>확인된 시각: {at} (확인 기관: {tsa})</translation>
    </message>
</context>
</TS>
