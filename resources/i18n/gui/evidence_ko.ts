<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddFlow</name>
    <message>
        <source>Choose pictures or videos to fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making fingerprints of {count} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddSummaryDialog</name>
    <message>
        <source>Fingerprints saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped, as you asked. What was saved before that stays saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to this case: {added}. Could not be added: {failed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not looked at because of the stop: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the fingerprints were saved, not the files themselves. If you may need the files later, keep them somewhere safe that only you can reach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that could not be added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlurredPreview</name>
    <message>
        <source>Preview, blurred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an item to see its blurred preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, shown. Press Space to blur it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, blurred. Press Space or click to show it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop pictures or videos here to fingerprint them into this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also keep a tiny, heavily blurred preview of each picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault keeps a fingerprint of each file, not the file itself. If you may need the files later (for the police or a lawyer), keep the originals somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence in this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI-made indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export hash list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a hash list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash list saved: {rows} row(s) in {name}. It holds fingerprints only, no pictures and no file names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash list imported: {rows} entries. From now on, &quot;Is this one of ours?&quot; also recognises them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items in this case: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDQ {pdq}… · SHA-256 {sha}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 {sha}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an item to see its blurred preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview was kept for this item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDQ: {pdq} (quality {quality})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blur again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HashListFlow</name>
    <message>
        <source>Save the case&apos;s hash list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV for hash-sharing programmes (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines, with video frames, for this app (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} already exists. Replace it with the case&apos;s hash list?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the hash list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a hash list to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash lists (*.csv *.jsonl *.json *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the hash list…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchPage</name>
    <message>
        <source>Is this one of ours?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found a picture or video online and want to know whether it is one you already saved? Drop it here. It is compared with the evidence of every case and with imported hash lists. Nothing is saved and nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files here to check them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose files to check…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose files to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures and videos (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.mp4 *.mov *.m4v *.webm *.mkv *.avi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing {count} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be checked: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match: not recognised as any saved item or hash-list entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches {count} saved item(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked: {checked}. Recognised: {found}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped, as you asked. The files checked so far are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;No match&quot; means it was not recognised; a heavily changed copy can still be the same material.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported hash list: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case &quot;{case}&quot;, item {item}: {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact: the very same file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near-identical picture (PDQ distance {distance} of 256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirrored or turned copy (PDQ distance {distance} of 256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same picture inside a crop, caption or frame (robust features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a frame of the stored video: {how}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
