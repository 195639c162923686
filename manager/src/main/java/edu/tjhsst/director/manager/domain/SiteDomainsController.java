package edu.tjhsst.director.manager.domain;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteAccess;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.tls.Certificates;

/**
 * A site's "Domains" page: its custom domains with their states and the DNS records each needs, adding one, checking
 * one in DNS now, and removing one. Another person's site, or a domain of another site, is not found.
 */
@Controller
class SiteDomainsController {

	private static final String VIEW = "sites/domains";

	private final SiteAccess access;

	private final SiteDomains service;

	private final SiteDomainRepository domains;

	private final CurrentUser currentUser;

	private final DnsRecords records;

	private final Certificates certificates;

	SiteDomainsController(SiteAccess access, SiteDomains service, SiteDomainRepository domains,
			CurrentUser currentUser, DnsRecords records, Certificates certificates) {
		this.certificates = certificates;
		this.access = access;
		this.service = service;
		this.domains = domains;
		this.currentUser = currentUser;
		this.records = records;
	}

	@GetMapping("/sites/{siteId}/domains")
	String show(@PathVariable long siteId, Principal principal, Model model) {
		return page(access.require(siteId, currentUser.of(principal)), "", model);
	}

	@PostMapping("/sites/{siteId}/domains")
	String add(@PathVariable long siteId, @RequestParam(name = "name", defaultValue = "") String name,
			Principal principal, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		SiteDomain added;
		try {
			// The portal's own name is the one it was reached by: no setting names it.
			added = service.add(site, user, name, request.getServerName());
		}
		catch (DomainRefusedException ex) {
			model.addAttribute("domainError", ex.getMessage());
			return page(site, name, model);
		}
		redirect.addFlashAttribute("notice", "Added " + added.name() + ". Put its records in DNS, then press Check.");
		return back(siteId);
	}

	@PostMapping("/sites/{siteId}/domains/{domainId}/check")
	String check(@PathVariable long siteId, @PathVariable long domainId, Principal principal,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		try {
			SiteDomains.CheckOutcome outcome = service.check(site, user, domainId);
			redirect.addFlashAttribute(outcome.proven() ? "notice" : "warning", outcome.sentences());
		}
		catch (DomainRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return back(siteId);
	}

	@PostMapping("/sites/{siteId}/domains/{domainId}/delete")
	String remove(@PathVariable long siteId, @PathVariable long domainId, Principal principal,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		Site site = access.requireChangeable(siteId, user);
		try {
			service.remove(site, user, domainId);
			redirect.addFlashAttribute("notice", "Removed the domain; the site no longer answers on it.");
		}
		catch (DomainRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return back(siteId);
	}

	private String page(Site site, String typed, Model model) {
		model.addAttribute("site", site);
		model.addAttribute("domains", domains.findBySite(site.id()));
		model.addAttribute("typed", typed);
		model.addAttribute("maxDomains", SiteDomains.MAX_PER_SITE);
		model.addAttribute("approvalRequired", service.approvalRequired());
		model.addAttribute("certificates", certificates.enabled() ? certificates.forSite(site.id()) : null);
		model.addAttribute("now", java.time.Instant.now());
		model.addAttribute("records", records);
		return VIEW;
	}

	private static String back(long siteId) {
		return "redirect:/sites/" + siteId + "/domains";
	}

}
