"""Scores a fingertip audit of tests/independent/<city>/ against its expected.json.

Usage: python3 score.py qiwu/expected.json <audit --out dir>. Prints action macro-F1,
merge-target accuracy, flag precision/recall/F1 (flags of the catalog rules present in the
truth, as tests/cli/audit.rs scores the sample city) and citations of negated documents.
"""
import json,sys
exp=json.load(open(sys.argv[1])); out=sys.argv[2]
recs={i['id']:i for i in json.load(open(out+'/recommendations.json'))['items']}
flags=json.load(open(out+'/flags.json'))['items']
pairs=[];mh=m=0;missing=[]
for it in exp['items']:
    r=recs.get(it['id'])
    if r is None: missing.append(it['id']); pairs.append((it['action'],'<none>')); continue
    pairs.append((it['action'],r['action']))
    if it['action']=='merge':
        m+=1; mh+= r['action']=='merge' and r['into']==it['into']
cls=set(a for p in pairs for a in p); tot=0
for c in cls:
    tp=sum(1 for t,p in pairs if t==c==p); fp=sum(1 for t,p in pairs if t!=c and p==c); fn=sum(1 for t,p in pairs if t==c and p!=c)
    tot+= 0 if tp==0 else 2*tp/(2*tp+fp+fn)
ef={(i['id'],f) for i in exp['items'] for f in i['flags']}; rules={f for _,f in ef}
gf={(f['id'],f['rule']) for f in flags if f.get('waived') is None and f['rule'] in rules}
tp=len(ef&gf); p=tp/max(1,len(gf)); rc=tp/max(1,len(ef))
neg=set(exp['negated_documents']); nh=[e['source'] for f in flags for e in f.get('evidence',[]) if e.get('source') in neg]
print(f"items expected {len(exp['items'])}, recommended {len(recs)}, missing ids {len(missing)}")
print(f"action macro-F1 {tot/len(cls):.3f}; merge-target {mh}/{m}; flag P {p:.3f} R {rc:.3f} F1 {2*p*rc/max(1e-9,p+rc):.3f}; negated-doc citations {len(nh)}")
