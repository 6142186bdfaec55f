import { ASSESSMENT_STORAGE_KEY, SAVED_ASSESSMENT_MAX_AGE_MS } from "@/components/questionnaire/storage";

/**
 * The landing page for a returning visitor (issue 19). The page ships no JavaScript bundle of its
 * own and the server cannot see the device's saved answers, so this small inline script, run
 * while the HTML is parsed (right after the call to action), looks at them: with answers saved in
 * the last 7 days and no request sent yet, "Start the check" gives way to "Continue where you left
 * off" and "Start over", which deletes the saved answers before the questionnaire opens.
 * Anything unreadable leaves the page as the server sent it.
 */
export const LANDING_RESUME_SCRIPT = `try{var k=${JSON.stringify(ASSESSMENT_STORAGE_KEY)},d=JSON.parse(localStorage.getItem(k)||"null");if(d&&!d.confirmation&&d.answers&&typeof d.answers==="object"&&Object.keys(d.answers).length>0&&typeof d.savedAt==="number"&&Date.now()-d.savedAt<=${SAVED_ASSESSMENT_MAX_AGE_MS}){var r=document.querySelector("[data-landing-resume]"),s=document.querySelector("[data-landing-start]");if(r&&s){r.hidden=false;s.hidden=true;var b=r.querySelector("[data-landing-restart]");if(b)b.addEventListener("click",function(){try{localStorage.removeItem(k)}catch(e){}})}}}catch(e){}`;
