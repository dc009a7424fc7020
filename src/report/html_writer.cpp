// SPDX-License-Identifier: Apache-2.0
#include "report/html_writer.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "report/xml_escape.hpp"

namespace su {

void append_html_text(std::string& out, std::string_view text) {
  append_xml_text(out, text, XmlDialect::strict);
}

void append_html_attr(std::string& out, std::string_view text) {
  append_xml_attr(out, text, XmlDialect::strict);
}

namespace {

// One stylesheet for both pages. Colours: text on white meets WCAG AA
// (4.5:1) for every status colour; the timeline and grid use the same
// hues so a status reads the same everywhere. Print keeps the colours and
// drops what only works on screen.
constexpr std::string_view kStyle = R"css(
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--soft:#f6f8fa;
--success:#1a7f37;--fail:#cf222e;--skip:#6e7781;--xfail:#8250df;--uxsuccess:#bc4c00;--incomplete:#a40e26;--absent:#eaeef2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;print-color-adjust:exact;-webkit-print-color-adjust:exact}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:var(--soft);border-bottom:1px solid var(--line)}
header.top>div,main{max-width:1200px;margin:0 auto;padding:0 1.25rem}
header.top>div{padding-top:1rem;padding-bottom:.75rem}
h1{font-size:1.45rem;line-height:1.25;margin:0}
.sub{color:var(--muted);margin:.2rem 0 0;overflow-wrap:anywhere}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin-top:.6rem;font-size:.92rem}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
main{padding-bottom:3rem}
section{margin:1.8rem 0}
h2{font-size:1.12rem;margin:0 0 .7rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h2 small{font-weight:400;color:var(--muted);font-size:.85rem}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.6rem;margin-bottom:.7rem}
.card{border:1px solid var(--line);border-radius:8px;padding:.45rem .8rem;background:var(--bg)}
.card .n{display:block;font-size:1.75rem;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
.card .l{color:var(--muted);font-size:.85rem}
.card.fail{border-color:var(--fail)}.card.fail .n{color:var(--fail)}
.card.pass .n{color:var(--success)}.card.skip .n{color:var(--skip)}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin:.2rem 0 .6rem;padding:0;list-style:none}
.chip{border:1px solid var(--line);border-radius:1em;padding:0 .6em;font-size:.85rem;white-space:nowrap}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;vertical-align:baseline;background:var(--skip)}
svg.outcomes{display:block;width:100%;height:10px;border-radius:5px;margin:.3rem 0 .9rem;background:var(--absent)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.tag{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:1em;padding:0 .55em;margin:.1em .15em .1em 0;font-size:.85rem}
.s-success{--c:var(--success)}.s-fail{--c:var(--fail)}.s-skip{--c:var(--skip)}.s-xfail{--c:var(--xfail)}.s-uxsuccess{--c:var(--uxsuccess)}.s-incomplete{--c:var(--incomplete)}
.dot[class*=s-]{background:var(--c)}
.badge{display:inline-block;border-radius:4px;padding:0 .45em;font-size:.8rem;font-weight:600;color:#fff;background:var(--c,var(--skip));vertical-align:.1em}
.failure{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:.5rem .9rem .2rem;margin:.8rem 0;break-inside:avoid-page}
.failure h3{font-size:.98rem;margin:.1rem 0;overflow-wrap:anywhere;font-weight:600}
.failure h3 code{font-size:.92em}
.failure h4{font-size:.85rem;margin:.5rem 0 .2rem;color:var(--muted);font-weight:600;overflow-wrap:anywhere}
.failure h4 .meta{font-weight:400;font-size:1em}
.meta{color:var(--muted);font-size:.88rem;margin:.1rem 0}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.55rem .75rem;margin:0 0 .6rem;overflow:auto;max-height:30rem;white-space:pre;line-height:1.4}
.binary{margin:.2rem 0 .6rem;padding-left:1.2rem;font-size:.9rem}
.wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
.lazy{content-visibility:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.22rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{position:sticky;top:0;background:var(--bg);border-bottom:2px solid var(--line);white-space:nowrap;z-index:1}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;color:inherit;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \25B2";font-size:.7em}
th[aria-sort=descending] button::after{content:" \25BC";font-size:.7em}
.num,table.tests td:nth-child(3),table.tests td:nth-child(5){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.tests td:first-child{overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.82rem}
table.tests td:nth-child(2){font-weight:600;white-space:nowrap}
tr[data-status=success]>td:nth-child(2){color:var(--success)}
tr[data-status=fail]>td:nth-child(2){color:var(--fail)}
tr[data-status=skip]>td:nth-child(2){color:var(--skip)}
tr[data-status=xfail]>td:nth-child(2){color:var(--xfail)}
tr[data-status=uxsuccess]>td:nth-child(2){color:var(--uxsuccess)}
tr[data-status=fail]{background:#fff5f5}
tr.hit,tr.hit[data-status]{background:#fff8c5}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem .8rem;margin:0 0 .6rem}
.controls input[type=search]{font:inherit;padding:.3rem .55rem;border:1px solid var(--line);border-radius:6px;min-width:0;flex:1 1 16rem}
.controls label{white-space:nowrap;font-size:.9rem;cursor:pointer}
#shown{color:var(--muted);font-size:.88rem}
.bar{display:inline-block;height:.55em;background:var(--c,var(--skip));border-radius:2px;vertical-align:middle;margin-right:.4em;min-width:1px}
.timeline{display:grid;grid-template-columns:max-content minmax(0,1fr);column-gap:.5rem}
.lanes{display:grid;grid-auto-rows:24px;font-size:.8rem;color:var(--muted);line-height:24px;text-align:right}
svg[data-timeline]{display:block;width:100%;background:var(--soft);border:1px solid var(--line);border-radius:4px;touch-action:pan-y}
svg[data-timeline] path{fill:none;stroke-width:.76}
svg[data-timeline] .lane{fill:var(--bg)}
.p-success{stroke:#2da44e}.p-fail{stroke:var(--fail)}.p-skip{stroke:var(--skip)}.p-xfail{stroke:var(--xfail)}.p-uxsuccess{stroke:var(--uxsuccess)}.p-incomplete{stroke:var(--incomplete)}
.axis{grid-column:2;display:flex;justify-content:space-between;color:var(--muted);font-size:.78rem;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem;margin:.4rem 0 0;padding:0;list-style:none}
#tip{position:fixed;z-index:9;pointer-events:none;background:#1f2328;color:#fff;padding:.3rem .55rem;border-radius:5px;font-size:.8rem;max-width:min(36rem,90vw);overflow-wrap:anywhere;box-shadow:0 2px 8px rgba(0,0,0,.25)}
#tip strong{font-weight:600;display:block}
table.grid{width:auto}
table.grid th.run{font-weight:500;font-size:.75rem;padding:.3rem .1rem;text-align:center;min-width:1.5rem}
table.grid td.c{width:1.5rem;min-width:1.5rem;padding:0;text-align:center;font-size:.75rem;line-height:1.35rem;border:1px solid var(--bg);color:#fff}
td.c[data-status=success]{background:#2da44e}td.c[data-status=fail]{background:var(--fail)}td.c[data-status=skip]{background:var(--skip)}
td.c[data-status=xfail]{background:var(--xfail)}td.c[data-status=uxsuccess]{background:var(--uxsuccess)}td.c[data-status=incomplete]{background:var(--incomplete)}
td.c.none{background:var(--absent)}
table.grid td.id{overflow-wrap:anywhere;max-width:44rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.8rem}
table.flaky td.id{overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.8rem}
tr[data-class=flaky]>td:nth-child(2){color:var(--uxsuccess);font-weight:600}tr[data-class=broken]>td:nth-child(2){color:var(--fail);font-weight:600}tr[data-class=fixed]>td:nth-child(2){color:var(--success);font-weight:600}
svg.spark{width:90px;height:22px;display:block}
svg.spark polyline{fill:none;stroke:#0969da;stroke-width:1.5;vector-effect:non-scaling-stroke}
svg.spark circle{fill:var(--fail)}
.note{color:var(--muted);font-size:.9rem}
[hidden]{display:none!important}
@media (max-width:640px){body{font-size:14px}header.top>div,main{padding-left:.7rem;padding-right:.7rem}
table.tests th:nth-child(5),table.tests td:nth-child(5){display:none}.card .n{font-size:1.4rem}.lanes{max-width:6rem;overflow:hidden}}
@media print{body{font-size:10pt}nav,.controls,#tip{display:none!important}header.top{background:none}
pre{max-height:none;white-space:pre-wrap;overflow-wrap:anywhere}thead th{position:static}.lazy{content-visibility:visible}.wrap{overflow:visible}a{color:inherit}}
)css";

// The page's behaviour, all optional: the page is complete without it.
// The test table's filter (search box and status toggles over the static
// rows) and column sorting; the timeline's hover and tap, which finds the
// test under the pointer from the table (the SVG draws one path per status
// and lane, so it has no element per test to hover).
constexpr std::string_view kScript = R"js(
(function(){'use strict';
var d=document;d.documentElement.classList.add('js');
var table=d.getElementById('tests'),rows=table?table.tBodies[0].rows:[];
var form=d.getElementById('filter'),q=null,boxes=[],apply=function(){};
if(table&&form){
  // One generated style rule hides what the filter leaves out, and the
  // count is one selector query: the browser matches 100,000 rows natively
  // instead of the script touching each.
  form.hidden=false;q=form.querySelector('input[type=search]');
  boxes=[].slice.call(form.querySelectorAll('input[type=checkbox]'));
  var shown=d.getElementById('shown'),rule=d.createElement('style'),timer=0;
  d.head.appendChild(rule);
  apply=function(){
    var s=q.value.trim(),hide=[],keep='#tests>tbody>tr';
    var has=s?'[data-test-id*="'+CSS.escape(s)+'" i]':'';
    boxes.forEach(function(b){if(!b.checked){
      hide.push('#tests>tbody>tr[data-status="'+b.value+'"]');keep+=':not([data-status="'+b.value+'"])';}});
    if(s)hide.push('#tests>tbody>tr:not('+has+')');
    rule.textContent=hide.length?hide.join(',')+'{display:none}':'';
    var n=hide.length?d.querySelectorAll(keep+has).length:rows.length;
    shown.textContent=n===rows.length?rows.length+' tests':n+' of '+rows.length+' tests shown';
  };
  q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,rows.length>20000?250:80);});
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  form.addEventListener('submit',function(e){e.preventDefault();apply();});
}
if(table&&table.tHead){
  var heads=table.tHead.rows[0].cells;
  [].forEach.call(heads,function(th,col){
    var b=th.querySelector('button');if(!b)return;
    b.addEventListener('click',function(){
      var num=th.classList.contains('num'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      [].forEach.call(heads,function(c){c.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir>0?'ascending':'descending');
      var body=table.tBodies[0],keyed=[].map.call(body.rows,function(r,i){
        var t=r.cells[col].textContent;return {r:r,i:i,k:num?(t===''?-1:parseFloat(t)):t.toLowerCase()};});
      keyed.sort(function(a,b){return a.k<b.k?-dir:a.k>b.k?dir:a.i-b.i;});
      var f=d.createDocumentFragment();keyed.forEach(function(x){f.appendChild(x.r);});
      body.appendChild(f);
    });
  });
}
var svg=d.querySelector('svg[data-timeline]');
if(svg&&table){
  var tip=d.createElement('div');tip.id='tip';tip.setAttribute('role','tooltip');tip.hidden=true;d.body.appendChild(tip);
  var span=parseFloat(svg.getAttribute('data-span'))||1,minw=parseFloat(svg.getAttribute('data-min'))||0;
  var groups=svg.querySelectorAll('g[data-worker]'),lanes=null;
  var build=function(){
    var lane={};lanes=[];
    [].forEach.call(groups,function(g,i){lane[g.getAttribute('data-worker')]=i;lanes.push([]);});
    for(var i=0;i<rows.length;i++){
      var c=rows[i].cells,t=c[4].textContent,l=lane[c[3].textContent];
      if(t===''||l===undefined)continue;
      var s=parseFloat(t),du=parseFloat(c[2].textContent)||0;
      lanes[l].push([s,s+Math.max(du,minw),rows[i]]);
    }
    lanes.forEach(function(a){a.sort(function(x,y){return x[0]-y[0];});});
  };
  var find=function(ev){
    var b=svg.getBoundingClientRect();if(!b.width||!groups.length)return null;
    if(!lanes)build();
    var a=lanes[Math.floor((ev.clientY-b.top)/b.height*groups.length)];if(!a)return null;
    var t=(ev.clientX-b.left)/b.width*span,tol=(ev.pointerType==='touch'?12:4)/b.width*span;
    var lo=0,hi=a.length;
    while(lo<hi){var m=(lo+hi)>>1;if(a[m][0]<=t+tol)lo=m+1;else hi=m;}
    var best=null,gap=tol;
    for(var k=lo-1;k>=0&&k>=lo-16;k--){
      var x=a[k],g=t<x[0]?x[0]-t:t>x[1]?t-x[1]:0;
      if(g<=gap){gap=g;best=x[2];if(!g)break;}
    }
    return best;
  };
  var show=function(ev){
    var r=find(ev);
    if(!r){tip.hidden=true;svg.style.cursor='';return null;}
    var c=r.cells,s=d.createElement('strong');
    tip.textContent='';s.textContent=r.getAttribute('data-test-id');tip.appendChild(s);
    tip.appendChild(d.createTextNode(c[1].textContent+' \u00b7 '+c[2].textContent+' s \u00b7 '+(c[3].textContent||'no worker')));
    tip.hidden=false;svg.style.cursor='pointer';
    tip.style.left=Math.max(4,Math.min(ev.clientX+12,innerWidth-tip.offsetWidth-8))+'px';
    tip.style.top=(ev.clientY+18)+'px';
    return r;
  };
  svg.addEventListener('pointermove',show);
  svg.addEventListener('pointerleave',function(){tip.hidden=true;});
  svg.addEventListener('click',function(ev){
    var r=show(ev);if(!r)return;
    if(q&&getComputedStyle(r).display==='none'){q.value='';boxes.forEach(function(b){b.checked=true;});apply();}
    r.scrollIntoView({block:'center'});r.classList.add('hit');
    setTimeout(function(){r.classList.remove('hit');},2500);
  });
}
d.documentElement.setAttribute('data-ready','');
})();
)js";

}  // namespace

HtmlWriter& HtmlWriter::number(std::uint64_t n) {
  buf_ += std::to_string(n);
  return maybe_flush();
}

void HtmlWriter::page_start(std::string_view title, std::string_view subtitle,
                            const std::vector<std::pair<std::string, std::string>>& sections) {
  raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"su-report (sutools)\">\n<title>");
  text(title);
  raw("</title>\n<style>");
  raw(kStyle);
  raw("</style>\n</head>\n<body>\n<header class=\"top\"><div>\n<h1>");
  text(title);
  raw("</h1>\n");
  if (!subtitle.empty()) {
    raw("<p class=\"sub\">");
    text(subtitle);
    raw("</p>\n");
  }
  if (!sections.empty()) {
    raw("<nav aria-label=\"sections\">");
    for (const auto& [fragment, label] : sections) {
      raw("<a href=\"#").attr(fragment).raw("\">").text(label).raw("</a>");
    }
    raw("</nav>\n");
  }
  raw("</div></header>\n<main>\n");
}

void HtmlWriter::page_end() {
  raw("</main>\n<script>");
  raw(kScript);
  raw("</script>\n</body>\n</html>\n");
  flush();
}

void HtmlWriter::flush() {
  out_.write(buf_);
  buf_.clear();
}

std::string fixed_seconds(double seconds) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  return buf;
}

std::string human_seconds(double s) {
  char buf[64];
  if (!std::isfinite(s)) return "-";
  if (s < 0) {
    std::string positive = human_seconds(-s);
    positive.insert(positive.begin(), '-');
    return positive;
  }
  if (s > 0 && s < 0.001) {
    std::snprintf(buf, sizeof buf, "%.2f ms", s * 1000);
  } else if (s < 10) {
    std::snprintf(buf, sizeof buf, "%.3f s", s);
  } else if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  } else if (s < 3600) {
    auto whole = static_cast<long long>(s + 0.5);
    std::snprintf(buf, sizeof buf, "%lld min %02lld s", whole / 60, whole % 60);
  } else {
    auto minutes = static_cast<long long>(s / 60 + 0.5);
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", minutes / 60, minutes % 60);
  }
  return buf;
}

std::string human_bytes(std::uint64_t bytes) {
  char buf[48];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu byte%s", static_cast<unsigned long long>(bytes),
                  bytes == 1 ? "" : "s");
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return buf;
}

std::string human_time(std::int64_t micros) {
  std::time_t t = static_cast<std::time_t>(micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

}  // namespace su
